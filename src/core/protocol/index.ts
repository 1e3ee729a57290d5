/** The paper card's messages between host and webview, and the checks each side runs on what it receives. */
export * from './card-protocol';
/** The insights page's messages between host and webview, and the checks each side runs on what it receives. */
export * from './insights-protocol';

import type * as vscode from 'vscode';
import { activateOn, deactivate, type PaperReaderApi } from './extension';
import { nodeHost } from './services/library/node-host';

export type { PaperReaderApi };
export { deactivate };

/** The Node extension host's entry (package.json `main`): the local disk and a digest worker thread. */
export function activate(context: vscode.ExtensionContext): Promise<PaperReaderApi> {
  return activateOn(context, nodeHost);
}

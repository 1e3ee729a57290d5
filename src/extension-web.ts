import type * as vscode from 'vscode';
import { activateOn, deactivate, type PaperReaderApi } from './extension';
import { webHost } from './services/library/web-host';

export type { PaperReaderApi };
export { deactivate };

/** The browser's web worker extension host's entry (package.json `browser`): files through vscode.workspace.fs only. */
export function activate(context: vscode.ExtensionContext): Promise<PaperReaderApi> {
  return activateOn(context, webHost);
}

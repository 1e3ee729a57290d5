import * as vscode from 'vscode';
import type { Services } from '../services';
import { NoteStore } from './note-store';

export { NoteStore, openNotesFile } from './note-store';

/** The notes store; it starts reading the workspace's notes files on the next turn, off the activation path. */
export function createNoteStore(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): NoteStore {
  const store = new NoteStore(log);
  context.subscriptions.push(store, { dispose: () => void store.flushAll() });
  return store;
}

/** Wires the store to the index: a paper's new notes file goes in the workspace folder of its digest. */
export function activate(services: Services): void {
  const { store, index } = services;
  if (!(store instanceof NoteStore)) return;
  store.setLocator((id) => {
    const uri = index.paper(id)?.paper.source.uri;
    if (!uri) return undefined;
    try {
      return vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(uri));
    } catch {
      return undefined;
    }
  });
}

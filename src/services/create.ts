import * as vscode from 'vscode';
import { atomicFiles } from '../shared/files';
import { CardsPort } from './cards';
import { DigestDocuments } from './digest-documents';
import type { Services } from './index';
import type { LibraryHost } from './library/library-host';
import { SearchSnapshotStore } from './library/search-store';
import { storeFilesIn } from './library/store-files';
import { createPaperIndex } from './library/workspace-index';
import { WorkspaceSearch } from './search-service';
import { SelectionTracker } from './selection-tracker';
import { WorkspaceSimilar } from './similar-service';
import { NoteStore } from './store/note-store';
import { vscodeNoteFiles } from './store/vscode-note-files';

/** Builds the services every feature shares on this extension host (Node or browser); each is disposed with the extension. */
export function createServices(context: vscode.ExtensionContext, host: LibraryHost): Services {
  // Every atomic write of this host renames through its own rename.
  const files = atomicFiles(host.renameOver);
  const log = vscode.window.createOutputChannel('Paper Digest Reader', { log: true });
  context.subscriptions.push(log);
  const store = new NoteStore(log, vscodeNoteFiles(files));
  // The store flushes pending writes before it goes.
  context.subscriptions.push(store, { dispose: () => void store.flushAll() });
  const index = createPaperIndex(context, log, host, files.renameOver);
  // A paper's new notes file goes in the workspace folder of its digest.
  store.setLocator((id) => {
    const uri = index.paper(id)?.paper.source.uri;
    if (!uri) return undefined;
    try {
      return vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(uri));
    } catch {
      return undefined;
    }
  });
  const search = new WorkspaceSearch(index, store, context.storageUri && { snapshots: new SearchSnapshotStore(storeFilesIn(context.storageUri, files.renameOver), log), log });
  const documents = new DigestDocuments();
  const selection = new SelectionTracker();
  const similar = new WorkspaceSimilar(index, log, search.caughtUp());
  context.subscriptions.push(search, documents, selection, similar);
  return { context, log, index, store, search, documents, selection, cards: new CardsPort(), similar, files };
}

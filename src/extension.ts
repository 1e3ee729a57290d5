import * as vscode from 'vscode';
import type { Services } from './services';
import { createPaperIndex } from './index/workspace-index';
import { createNoteStore } from './store';
import * as notesStore from './store';
import * as card from './card';
import * as notes from './notes';
import * as exporting from './export';
import * as tree from './tree';
import * as editor from './editor';
import * as search from './search';
import * as annotations from './annotations';

/** Returned from activate() so integration tests and other extensions can reach the model. */
export interface PaperReaderApi {
  index: Services['index'];
  store: Services['store'];
  services: Services;
  annotations: annotations.AnnotationsApi;
}

export function activate(context: vscode.ExtensionContext): PaperReaderApi {
  const log = vscode.window.createOutputChannel('Paper Digest Reader', { log: true });
  context.subscriptions.push(log);
  const store = createNoteStore(context, log);
  const index = createPaperIndex(context, log);
  const workspaceSearch = search.createSearch({ context, index, store });
  const services: Services = { context, log, index, store, search: workspaceSearch };

  // Each surface is a thin adapter over the core model; order does not matter.
  tree.activate(services);
  editor.activate(services);
  search.activate(services, workspaceSearch);
  notesStore.activate(services);
  notes.activate(services, card.activate(services));
  exporting.activate(services);
  const annotationsApi = annotations.activate(services);

  return { index, store, services, annotations: annotationsApi };
}

export function deactivate(): void {}

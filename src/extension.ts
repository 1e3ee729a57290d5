import type * as vscode from 'vscode';
import type { Services } from './services';
import { createServices } from './services/create';
import type { LibraryHost } from './services/library/library-host';
import * as annotations from './features/annotations';
import * as card from './features/card';
import * as editor from './features/editor';
import * as exporting from './features/export';
import * as fetching from './features/fetch';
import * as insights from './features/insights';
import * as links from './features/links';
import * as notes from './features/notes';
import * as reading from './features/reading';
import * as search from './features/search';
import * as similar from './features/similar';
import * as tree from './features/tree';

/** Returned from activate() so integration tests and other extensions can reach the model. */
export interface PaperReaderApi {
  index: Services['index'];
  store: Services['store'];
  services: Services;
  annotations: annotations.AnnotationsApi;
  tree: tree.TreeApi;
  insights: insights.InsightsApi;
}

/**
 * Activates every feature on this extension host. The entry points choose the host:
 * src/extension-node.ts (desktop, remote) and src/extension-web.ts (a browser's web worker).
 */
export function activateOn(context: vscode.ExtensionContext, host: LibraryHost): PaperReaderApi {
  const services = createServices(context, host);
  // Each surface is a thin adapter over the core model and the services; order does not matter.
  const treeApi = tree.activate(services);
  editor.activate(services);
  search.activate(services);
  card.activate(services);
  notes.activate(services);
  exporting.activate(services);
  fetching.activate(services);
  links.activate(services);
  reading.activate(services);
  similar.activate(services);
  const annotationsApi = annotations.activate(services);
  const insightsApi = insights.activate(services);
  return { index: services.index, store: services.store, services, annotations: annotationsApi, tree: treeApi, insights: insightsApi };
}

export function deactivate(): void {}

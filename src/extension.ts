import type * as vscode from 'vscode';
import type { Services } from './services';
import { createServices } from './services/create';
import * as annotations from './features/annotations';
import * as card from './features/card';
import * as editor from './features/editor';
import * as exporting from './features/export';
import * as fetching from './features/fetch';
import * as insights from './features/insights';
import * as links from './features/links';
import * as notes from './features/notes';
import * as search from './features/search';
import * as tree from './features/tree';

/** Returned from activate() so integration tests and other extensions can reach the model. */
export interface PaperReaderApi {
  index: Services['index'];
  store: Services['store'];
  services: Services;
  annotations: annotations.AnnotationsApi;
  insights: insights.InsightsApi;
}

export function activate(context: vscode.ExtensionContext): PaperReaderApi {
  const services = createServices(context);
  // Each surface is a thin adapter over the core model and the services; order does not matter.
  tree.activate(services);
  editor.activate(services);
  search.activate(services);
  card.activate(services);
  notes.activate(services);
  exporting.activate(services);
  fetching.activate(services);
  links.activate(services);
  const annotationsApi = annotations.activate(services);
  const insightsApi = insights.activate(services);
  return { index: services.index, store: services.store, services, annotations: annotationsApi, insights: insightsApi };
}

export function deactivate(): void {}

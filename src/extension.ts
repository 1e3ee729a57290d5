import type * as vscode from 'vscode';
import type { Services } from './services';
import { createServices } from './services/create';
import type { LibraryHost } from './services/library/library-host';
import { nextTurn } from './services/library/next-turn';
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
 * The surfaces a window does not need the moment it opens, each activated in a turn of its own.
 * On the Node host their code is a second bundle, dist/extension-surfaces.js, required when the
 * first of them starts (scripts/build.mjs): the bundle VS Code loads to activate holds the
 * services and the Papers view only.
 */
const LATER_FEATURES = [editor, search, card, notes, exporting, fetching, links, reading, similar];

/**
 * Activates every feature on this extension host. The entry points choose the host:
 * src/extension-node.ts (desktop, remote) and src/extension-web.ts (a browser's web worker).
 *
 * What a start needs runs in the first turn after activate() returns: the services (the
 * scan starts in a later turn) and the Papers view. Every other surface follows, one per turn
 * of the event loop, so no turn holds the host for long; VS Code awaits the returned promise
 * before it counts the extension active, so no command, editor or restored panel finds a
 * surface missing.
 */
export async function activateOn(context: vscode.ExtensionContext, host: LibraryHost): Promise<PaperReaderApi> {
  // VS Code counts the loading of the bundle and the synchronous part of activate() as this
  // extension's activation, while every extension of the window starts on the same thread;
  // the services and the Papers view wait for the next turn, which lets the others run first.
  await nextTurn();
  const started = performance.now();
  const services = createServices(context, host);
  // Each surface is a thin adapter over the core model and the services; order does not matter.
  const treeApi = tree.activate(services);
  const firstMs = performance.now() - started;
  for (const feature of LATER_FEATURES) {
    await nextTurn();
    feature.activate(services);
  }
  await nextTurn();
  const annotationsApi = annotations.activate(services);
  await nextTurn();
  const insightsApi = insights.activate(services);
  services.log.info(`activated: services and the Papers view in ${firstMs.toFixed(1)} ms, every surface ${(performance.now() - started).toFixed(1)} ms after the start`);
  return { index: services.index, store: services.store, services, annotations: annotationsApi, tree: treeApi, insights: insightsApi };
}

export function deactivate(): void {}

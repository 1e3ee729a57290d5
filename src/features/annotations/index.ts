import type * as vscode from 'vscode';
import type { Services } from '../../services';
import { AnnotationCommands } from './commands';
import { AnnotationsController, type OrphanEntry, type ShownAnnotation } from './controller';
import type { Colour } from './palette';

export type { AddOptions } from './commands';
export type { OrphanEntry, ShownAnnotation } from './controller';
export { PALETTE, type Colour } from './palette';

/** What the annotations surface shows, for tests and other extensions. */
export interface AnnotationsApi {
  /** The annotations of an open document as shown now: ranges, colours, threads, orphans. */
  shown(uri: vscode.Uri): ShownAnnotation[];
  /** The highlight ranges last given to the document's editors, per colour. */
  highlights(uri: vscode.Uri): Map<Colour, vscode.Range[]>;
  /** The comment threads shown in a document. */
  threads(uri: vscode.Uri): vscode.CommentThread[];
  /** Annotations that lost their words, per digest. */
  orphans(): OrphanEntry[];
}

/**
 * Inline annotations: comment threads with Markdown bodies on words of a
 * paper's title or abstract, highlighted in every digest that holds the paper.
 */
export function activate(services: Services): AnnotationsApi {
  const controller = new AnnotationsController(services);
  const commands = new AnnotationCommands(services, controller);
  services.context.subscriptions.push(controller, ...commands.register());
  return {
    shown: (uri) => controller.shown(uri),
    highlights: (uri) => controller.highlights(uri),
    threads: (uri) => controller.threads(uri),
    orphans: () => controller.orphans(),
  };
}

import type * as vscode from 'vscode';
import type { Services } from '../../services';
import { toRange } from '../../shared/annotation-placement';
import { AnchorMoves } from './anchor-moves';
import { registerAnnotateCommands } from './annotate-commands';
import { DocumentViews } from './document-views';
import { Drafts } from './drafts';
import { registerEditCommands } from './edit-commands';
import { Highlights } from './highlights';
import { commentingRangeProvider, registerAnnotationHover } from './hover-and-commenting-ranges';
import { registerOrphanCommands } from './orphan-commands';
import { listOrphans, type OrphanEntry } from './orphan-list';
import { OrphanStatus } from './orphan-status';
import { colourOf, type Colour } from './palette';
import { registerRevealCommand } from './reveal-command';
import { ThreadSync } from './thread-sync';

export type { AddOptions } from './command-args';
export type { OrphanEntry } from './orphan-list';
export { PALETTE, type Colour } from './palette';

/** One annotation as a document shows it, for the API and tests. */
export interface ShownAnnotation {
  paperId: string;
  annotationId: string;
  colour: Colour;
  /** Where the highlight and thread are; undefined for an orphan. */
  range?: vscode.Range;
  orphaned?: string;
  thread?: vscode.CommentThread;
}

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
 * Each open digest's annotations are placed by DocumentViews, which hands every
 * placement to the parts that show it, in this order: threads, highlights,
 * anchor moves (written back to the notes), the orphan count.
 */
export function activate(services: Services): AnnotationsApi {
  const views = new DocumentViews(services);
  const threads = new ThreadSync(views);
  const highlights = new Highlights();
  const moves = new AnchorMoves(services.store);
  const status = new OrphanStatus(views);
  views.attach(threads);
  views.attach(highlights);
  views.attach(moves);
  views.attach(status);
  threads.comments.commentingRangeProvider = commentingRangeProvider(views);
  const drafts = new Drafts(threads.comments);
  const orphans = () => listOrphans(views.all(), services.store.all(), (id) => services.index.paper(id)?.occurrences ?? []);

  services.context.subscriptions.push(
    views,
    threads,
    highlights,
    status,
    registerAnnotationHover(views),
    ...registerAnnotateCommands(services, { views, threads, drafts }),
    ...registerEditCommands(services, { threads, drafts }),
    ...registerOrphanCommands(services, { views, threads, orphans }),
    registerRevealCommand(services, { views, threads }),
  );

  return {
    shown: (uri) => (views.get(uri)?.placements ?? []).map((p) => {
      const shown: ShownAnnotation = { paperId: p.paper.id, annotationId: p.annotation.id, colour: colourOf(p.annotation.tag) };
      if (p.status === 'anchored') shown.range = toRange(p.start, p.end);
      else shown.orphaned = p.reason;
      const thread = threads.threadOf(uri, p.paper.id, p.annotation.id, p.occurrence);
      if (thread) shown.thread = thread;
      return shown;
    }),
    highlights: (uri) => highlights.ranges(uri),
    threads: (uri) => threads.threads(uri),
    orphans,
  };
}

import * as vscode from 'vscode';
import { paperFields, type Placed } from '../../core';
import { linesOf, toRange } from '../../shared/annotation-placement';
import { hoverOf } from './comments';
import type { DocumentViews } from './document-views';

/** The comments of the highlights under the pointer (as text, never as markup). */
export function registerAnnotationHover(views: DocumentViews): vscode.Disposable {
  return vscode.languages.registerHoverProvider([{ language: 'paper-digest' }, { language: 'markdown' }], {
    provideHover(doc, position) {
      const view = views.get(doc.uri);
      // Only what is on screen: a view older than the text would point at other words.
      if (!view || view.version !== doc.version) return undefined;
      const under = view.placements.filter((p): p is Placed => p.status === 'anchored' && toRange(p.start, p.end).contains(position));
      if (under.length === 0) return undefined;
      return new vscode.Hover(under.map((p) => hoverOf(p.annotation)), toRange(under[0].start, under[0].end));
    },
  });
}

/** How long the commenting ranges are worked out before the host gets a turn. */
const SLICE_MS = 12;

/**
 * Where the gutter offers to start a comment: the title and abstract of each paper. VS Code
 * asks again after every edit, and aligning the fields of a large digest (500 papers of a
 * megabyte) takes far longer than a keystroke may hold the host, so the work runs in slices
 * and a newer version of the text abandons it.
 */
export function commentingRangeProvider(views: DocumentViews): vscode.CommentingRangeProvider {
  return {
    async provideCommentingRanges(doc, token) {
      const digest = views.digestOf(doc);
      if (!digest) return [];
      const version = doc.version;
      const lines = linesOf(doc);
      const ranges: vscode.Range[] = [];
      let until = Date.now() + SLICE_MS;
      for (const paper of digest.papers) {
        if (Date.now() > until) {
          await new Promise((resolve) => setTimeout(resolve, 0));
          if (token.isCancellationRequested || doc.isClosed || doc.version !== version) return undefined;
          until = Date.now() + SLICE_MS;
        }
        const fields = paperFields(lines, paper);
        for (const map of [fields.title, fields.abstract]) if (map) ranges.push(toRange(map.start, map.end));
      }
      return ranges;
    },
  };
}

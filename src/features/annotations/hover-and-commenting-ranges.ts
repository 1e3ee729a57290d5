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

/** Where the gutter offers to start a comment: the title and abstract of each paper. */
export function commentingRangeProvider(views: DocumentViews): vscode.CommentingRangeProvider {
  return {
    provideCommentingRanges(doc) {
      const digest = views.digestOf(doc);
      if (!digest) return [];
      const lines = linesOf(doc);
      const ranges: vscode.Range[] = [];
      for (const paper of digest.papers) {
        const fields = paperFields(lines, paper);
        for (const map of [fields.title, fields.abstract]) if (map) ranges.push(toRange(map.start, map.end));
      }
      return ranges;
    },
  };
}

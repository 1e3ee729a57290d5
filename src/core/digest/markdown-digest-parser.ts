/**
 * Re-parses a changed Markdown digest section by section: remark reads only the
 * sections whose text changed since the last parse of the same uri, and the others'
 * papers and diagnostics are reused at their new lines.
 *
 * The result is always what `parseMarkdownDigest(text, uri)` gives: the text is cut
 * only where CommonMark makes the sections independent (markdown-sections.ts), each
 * section is read as `parseMarkdownDigest` reads a whole text, and everything about
 * the whole text (the first digest date, an empty file, no papers, the order of the
 * diagnostics) is worked out from all sections by the same code
 * (`assembleMarkdownDigest`). Text that cannot be cut, such as text with link
 * reference definitions, is parsed whole.
 *
 * Memory: the sections of the last parse of each uri, until `forget(uri)`.
 */
import { splitMarkdownSections } from './markdown-sections';
import { assembleMarkdownDigest, parseMarkdownDigest, parseMarkdownPiece, type MarkdownPiece, type PlacedPiece } from './parse-markdown';
import type { ParseOptions } from './parse-hf-text';
import type { Digest } from '../model';

export interface MarkdownParseStats {
  /** Sections in the last parse; 0 when the text was parsed whole. */
  sections: number;
  /** Sections read by remark in the last parse (the others were reused). */
  parsed: number;
}

export class MarkdownDigestParser {
  /** Per uri, the last parse's sections: section text -> what it yields on its own. */
  private readonly sections = new Map<string, Map<string, MarkdownPiece>>();
  private stats: MarkdownParseStats = { sections: 0, parsed: 0 };

  /** Equal to `parseMarkdownDigest(text, uri, options)`, counting only the work actually done. */
  parse(text: string, uri: string, options: ParseOptions = {}): Digest {
    const split = splitMarkdownSections(text);
    if (split === undefined || split.length === 1) {
      this.sections.delete(uri);
      this.stats = { sections: 0, parsed: 0 };
      return parseMarkdownDigest(text, uri, options);
    }
    const previous = this.sections.get(uri);
    const current = new Map<string, MarkdownPiece>();
    const placed: PlacedPiece[] = [];
    let parsed = 0;
    let steps = 0;
    for (const section of split) {
      let piece = current.get(section.text) ?? previous?.get(section.text);
      if (piece === undefined) {
        piece = parseMarkdownPiece(section.text, uri);
        if (piece === undefined) {
          // Too deeply nested for remark: report it as a whole-text parse does.
          this.sections.delete(uri);
          this.stats = { sections: 0, parsed: 0 };
          return parseMarkdownDigest(text, uri, options);
        }
        parsed++;
        steps += piece.steps;
      }
      current.set(section.text, piece);
      placed.push({ piece, line: section.line });
    }
    this.sections.set(uri, current);
    this.stats = { sections: split.length, parsed };
    const digest = assembleMarkdownDigest(text, uri, placed);
    if (options.work) options.work.steps += steps + split.length;
    return digest;
  }

  /** Drops what is kept for `uri` (when its file is closed or deleted). */
  forget(uri: string): void {
    this.sections.delete(uri);
  }

  /** Drops everything kept. */
  clear(): void {
    this.sections.clear();
  }

  /** How the last parse went: for tests and the benchmark. */
  lastStats(): MarkdownParseStats {
    return { ...this.stats };
  }
}

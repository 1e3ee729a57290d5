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

/** A parse done in bounded steps: `step()` until it returns false, then `result()`. */
export interface DigestParseJob {
  /** Characters still to go through remark, the slow part (0 once only fast work is left). */
  readonly pending: number;
  /** Does one bounded piece of the work; false once the digest is ready. */
  step(): boolean;
  /** The digest; only after `step()` has returned false. */
  result(): Digest;
}

/** A job of one step: the whole parse at once, for texts that cannot be cut or need not be. */
export function wholeJob(length: number, parse: () => Digest): DigestParseJob {
  let digest: Digest | undefined;
  return {
    get pending() {
      return digest ? 0 : length;
    },
    step: () => {
      digest ??= parse();
      return false;
    },
    result: () => {
      if (!digest) throw new Error('DigestParseJob.result() before its last step');
      return digest;
    },
  };
}

export class MarkdownDigestParser {
  /** Per uri, the last parse's sections: section text -> what it yields on its own. */
  private readonly sections = new Map<string, Map<string, MarkdownPiece>>();
  private stats: MarkdownParseStats = { sections: 0, parsed: 0 };

  /** Equal to `parseMarkdownDigest(text, uri, options)`, counting only the work actually done. */
  parse(text: string, uri: string, options: ParseOptions = {}): Digest {
    const job = this.begin(text, uri, options);
    while (job.step());
    return job.result();
  }

  /**
   * The same parse, a section at a time, for a caller that must not hold its thread for
   * long: each `step()` reads at most one section. The sections read are kept for `uri` as
   * they are read, so a job given up for a newer text leaves its work to the next one.
   */
  begin(text: string, uri: string, options: ParseOptions = {}): DigestParseJob {
    const split = splitMarkdownSections(text);
    const whole = (): DigestParseJob => wholeJob(text.length, () => {
      this.sections.delete(uri);
      this.stats = { sections: 0, parsed: 0 };
      return parseMarkdownDigest(text, uri, options);
    });
    if (split === undefined || split.length === 1) return whole();
    const known = this.sections.get(uri) ?? new Map<string, MarkdownPiece>();
    this.sections.set(uri, known);
    const todo = [...new Set(split.map((section) => section.text).filter((t) => !known.has(t)))];
    let pending = todo.reduce((sum, t) => sum + t.length, 0);
    let next = 0;
    let parsed = 0;
    let steps = 0;
    let fallback: DigestParseJob | undefined;
    let digest: Digest | undefined;
    const finish = (): Digest => {
      const current = new Map<string, MarkdownPiece>();
      const placed: PlacedPiece[] = split.map((section) => {
        const piece = known.get(section.text)!;
        current.set(section.text, piece);
        return { piece, line: section.line };
      });
      this.sections.set(uri, current);
      this.stats = { sections: split.length, parsed };
      if (options.work) options.work.steps += steps + split.length;
      return assembleMarkdownDigest(text, uri, placed);
    };
    return {
      get pending() {
        return fallback ? fallback.pending : pending;
      },
      step: () => {
        if (fallback) return fallback.step();
        if (digest) return false;
        if (next < todo.length) {
          const sectionText = todo[next++];
          pending -= sectionText.length;
          const piece = parseMarkdownPiece(sectionText, uri);
          if (piece === undefined) {
            // Too deeply nested for remark: report it as a whole-text parse does.
            fallback = whole();
            return fallback.step();
          }
          known.set(sectionText, piece);
          parsed++;
          steps += piece.steps;
          return true;
        }
        digest = finish();
        return false;
      },
      result: () => {
        if (fallback) return fallback.result();
        if (!digest) throw new Error('DigestParseJob.result() before its last step');
        return digest;
      },
    };
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

import * as vscode from 'vscode';
import { DigestParser, isDigest, type Digest, type DigestParseJob } from '../core';

/**
 * Parses of open documents by every DigestDocuments. There is meant to be one
 * (services.documents), so counting them all is what shows that no surface
 * keeps a second cache and parses each version again.
 */
let parsesEverywhere = 0;

/**
 * A parse with at most this many characters left for remark is finished at once: about
 * 20 ms on a slow machine. A larger one (a big Markdown digest opened, a long paste) is
 * done a section at a time between other work, so the host never stalls on it.
 */
const AT_ONCE_CHARS = 32_000;
/** How long one turn of a parse done in steps may hold the extension host. */
const SLICE_MS = 12;

interface Parsed {
  version: number;
  text: string;
  digest: Digest | undefined;
}

interface Running {
  version: number;
  done: Promise<Digest | undefined>;
}

/**
 * The digest a text document holds right now, parsed from its current text
 * (unsaved edits included) and cached per document version, so the outline,
 * folding, CodeLens, hover and annotations share one parse. A Markdown digest is
 * re-read only in the sections an edit changed; a large parse runs in slices, and
 * `onDidParse` tells when it is done.
 */
export class DigestDocuments implements vscode.Disposable {
  private readonly cache = new Map<string, Parsed>();
  private readonly running = new Map<string, Running>();
  private readonly parser = new DigestParser();
  private readonly parsedEmitter = new vscode.EventEmitter<vscode.TextDocument>();
  private readonly forgetting = new Map<string, ReturnType<typeof setTimeout>>();
  private disposed = false;
  // Changing a document's language closes it and opens it again with the same text: a
  // closed document is forgotten only once it has stayed closed for a moment.
  private readonly closing = vscode.workspace.onDidCloseTextDocument((doc) => this.forgetSoon(doc.uri.toString()));

  /** A document's current version was parsed after `get` had to answer without it. */
  readonly onDidParse = this.parsedEmitter.event;

  /** Open-document parses done so far (by this cache and any other), for the test that each version is parsed once. */
  get parses(): number {
    return parsesEverywhere;
  }

  /**
   * The digest of the document's current text, or, while a large parse of it is still
   * running, that of its last parsed version (undefined before the first).
   */
  get(doc: vscode.TextDocument): Digest | undefined {
    const key = doc.uri.toString();
    const cached = this.cache.get(key);
    if (cached && cached.version === doc.version) return cached.digest;
    const text = doc.getText();
    if (cached && cached.text === text && (cached.digest !== undefined || doc.languageId !== 'paper-digest')) {
      cached.version = doc.version;
      return cached.digest;
    }
    if (this.running.get(key)?.version === doc.version) return cached?.digest;
    if (doc.languageId !== 'paper-digest' && !isDigest(text, doc.fileName)) {
      this.parser.forget(key);
      this.cache.set(key, { version: doc.version, text, digest: undefined });
      return undefined;
    }
    parsesEverywhere++;
    const job = this.parser.begin(text, key);
    if (job.pending <= AT_ONCE_CHARS) {
      while (job.step());
      const digest = job.result();
      this.cache.set(key, { version: doc.version, text, digest });
      return digest;
    }
    const version = doc.version;
    this.running.set(key, { version, done: this.finish(doc, job, version, text) });
    return cached?.digest;
  }

  /** The digest of the document's current text, once parsed. */
  async parsed(doc: vscode.TextDocument): Promise<Digest | undefined> {
    const digest = this.get(doc);
    const running = this.running.get(doc.uri.toString());
    return running?.version === doc.version ? running.done : digest;
  }

  forget(doc: vscode.TextDocument): void {
    this.cache.delete(doc.uri.toString());
    this.parser.forget(doc.uri.toString());
  }

  /** Runs a job in slices; a newer version of the text takes over from it. */
  private async finish(doc: vscode.TextDocument, job: DigestParseJob, version: number, text: string): Promise<Digest | undefined> {
    const key = doc.uri.toString();
    for (let more = true; more;) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (this.disposed) return undefined;
      if (doc.isClosed || doc.version !== version) {
        if (this.running.get(key)?.version === version) this.running.delete(key);
        return doc.isClosed ? undefined : this.parsed(doc);
      }
      const until = Date.now() + SLICE_MS;
      do more = job.step(); while (more && Date.now() < until);
    }
    const digest = job.result();
    this.running.delete(key);
    this.cache.set(key, { version, text, digest });
    this.parsedEmitter.fire(doc);
    return digest;
  }

  private forgetSoon(key: string): void {
    clearTimeout(this.forgetting.get(key));
    this.forgetting.set(key, setTimeout(() => {
      this.forgetting.delete(key);
      if (!vscode.workspace.textDocuments.some((doc) => doc.uri.toString() === key)) {
        this.cache.delete(key);
        this.parser.forget(key);
      }
    }, 2000));
  }

  dispose(): void {
    this.disposed = true;
    this.closing.dispose();
    this.parsedEmitter.dispose();
    for (const timer of this.forgetting.values()) clearTimeout(timer);
    this.forgetting.clear();
    this.cache.clear();
    this.running.clear();
    this.parser.clear();
  }
}

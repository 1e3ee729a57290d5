import * as vscode from 'vscode';
import { isDigest, parseDigest, type Digest } from '../core';

/**
 * Parses of open documents by every DigestDocuments. There is meant to be one
 * (services.documents), so counting them all is what shows that no surface
 * keeps a second cache and parses each version again.
 */
let parsesEverywhere = 0;

/**
 * The digest a text document holds right now, parsed from its current text
 * (unsaved edits included) and cached per document version, so the outline,
 * folding, CodeLens, hover and annotations share one parse.
 */
export class DigestDocuments implements vscode.Disposable {
  private readonly cache = new Map<string, { version: number; text: string; digest: Digest | undefined }>();
  private readonly forgetting = new Map<string, ReturnType<typeof setTimeout>>();
  // Changing a document's language closes it and opens it again with the same text: a
  // closed document is forgotten only once it has stayed closed for a moment.
  private readonly closing = vscode.workspace.onDidCloseTextDocument((doc) => this.forgetSoon(doc.uri.toString()));

  /** Open-document parses done so far (by this cache and any other), for the test that each version is parsed once. */
  get parses(): number {
    return parsesEverywhere;
  }

  get(doc: vscode.TextDocument): Digest | undefined {
    const key = doc.uri.toString();
    const cached = this.cache.get(key);
    if (cached && cached.version === doc.version) return cached.digest;
    const text = doc.getText();
    if (cached && cached.text === text && (cached.digest !== undefined || doc.languageId !== 'paper-digest')) {
      cached.version = doc.version;
      return cached.digest;
    }
    let digest: Digest | undefined;
    if (doc.languageId === 'paper-digest' || isDigest(text, doc.fileName)) {
      parsesEverywhere++;
      digest = parseDigest(text, key);
    }
    this.cache.set(key, { version: doc.version, text, digest });
    return digest;
  }

  forget(doc: vscode.TextDocument): void {
    this.cache.delete(doc.uri.toString());
  }

  private forgetSoon(key: string): void {
    clearTimeout(this.forgetting.get(key));
    this.forgetting.set(key, setTimeout(() => {
      this.forgetting.delete(key);
      if (!vscode.workspace.textDocuments.some((doc) => doc.uri.toString() === key)) this.cache.delete(key);
    }, 2000));
  }

  dispose(): void {
    this.closing.dispose();
    for (const timer of this.forgetting.values()) clearTimeout(timer);
    this.forgetting.clear();
    this.cache.clear();
  }
}

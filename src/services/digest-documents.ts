import * as vscode from 'vscode';
import { isDigest, parseDigest, type Digest } from '../core';

/**
 * The digest a text document holds right now, parsed from its current text
 * (unsaved edits included) and cached per document version, so the outline,
 * folding, CodeLens, hover and annotations share one parse.
 */
export class DigestDocuments implements vscode.Disposable {
  private readonly cache = new Map<string, { version: number; digest: Digest | undefined }>();
  private readonly closing = vscode.workspace.onDidCloseTextDocument((doc) => this.forget(doc));
  /** Parses done so far, for the test that each version is parsed once. */
  parses = 0;

  get(doc: vscode.TextDocument): Digest | undefined {
    const key = doc.uri.toString();
    const cached = this.cache.get(key);
    if (cached && cached.version === doc.version) return cached.digest;
    const text = doc.getText();
    let digest: Digest | undefined;
    if (doc.languageId === 'paper-digest' || isDigest(text, doc.fileName)) {
      this.parses++;
      digest = parseDigest(text, key);
    }
    this.cache.set(key, { version: doc.version, digest });
    return digest;
  }

  forget(doc: vscode.TextDocument): void {
    this.cache.delete(doc.uri.toString());
  }

  dispose(): void {
    this.closing.dispose();
    this.cache.clear();
  }
}

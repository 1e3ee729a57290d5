import type * as vscode from 'vscode';
import { isDigest, parseDigest, type Digest } from '../core';

/**
 * The digest a text document holds right now, parsed from its current text
 * (unsaved edits included) and cached per document version, so the outline,
 * folding, CodeLens and hover providers share one parse.
 */
export class DigestDocuments {
  private readonly cache = new Map<string, { version: number; digest: Digest | undefined }>();

  get(doc: vscode.TextDocument): Digest | undefined {
    const key = doc.uri.toString();
    const cached = this.cache.get(key);
    if (cached && cached.version === doc.version) return cached.digest;
    const text = doc.getText();
    const digest = doc.languageId === 'paper-digest' || isDigest(text, doc.fileName) ? parseDigest(text, key) : undefined;
    this.cache.set(key, { version: doc.version, digest });
    return digest;
  }

  forget(doc: vscode.TextDocument): void {
    this.cache.delete(doc.uri.toString());
  }
}

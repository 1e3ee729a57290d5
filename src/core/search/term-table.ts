/**
 * The index's words, numbered, found straight from the characters of a text.
 *
 * Building the index meets every word of every field: with a Map, each one
 * would first become a string of its own (sliced, lower-cased) and then be
 * hashed again by the Map. Here one pass over the character codes splits the
 * text, lower-cases and hashes each word, and looks it up in an open-addressing
 * table by comparing its characters in place; only a word new to the index
 * becomes a string. Words with characters past ASCII (rare in abstracts) take
 * the slow road: sliced and folded as `foldTerm` does.
 *
 * A text of plain ASCII (nearly every field) is first copied into bytes with
 * TextEncoder.encodeInto and read from there: V8 reads a string character by
 * character several times slower than a byte array, and reading the
 * characters was half of building the index. A text with any other character
 * is read from the string itself.
 *
 * The stop words are the first numbers, so a lookup drops them for free.
 * Numbers are never reused: a word keeps its number while the table lives.
 */
import { ASCII_SEPARATORS, MAX_TERM_LENGTH, STOP_WORDS, foldTerm, isSeparatorPoint } from './terms';

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/** ASCII code -> its lower case code. */
const LOWER = Uint8Array.from({ length: 128 }, (_, code) => (code >= 65 && code <= 90 ? code + 32 : code));

function hashOf(word: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), FNV_PRIME);
  return hash;
}

export class TermTable {
  /** Open addressing: term number + 1, 0 for an empty slot. */
  private slots = new Int32Array(1 << 12);
  private mask = (1 << 12) - 1;
  private hashes: number[] = [];
  private readonly words: string[] = [];
  /** Every word's character codes one after another, from `starts[term]`: compared in place against a text's bytes. */
  private codes = new Uint16Array(1 << 14);
  private codesUsed = 0;
  private starts: number[] = [];
  private readonly stopCount: number;
  private readonly encoder = new TextEncoder();
  /** Scratch of scan(): the text being read, as bytes. */
  private bytes = new Uint8Array(1 << 12);

  constructor() {
    for (const word of STOP_WORDS) this.insert(word, hashOf(word));
    this.stopCount = this.words.length;
  }

  /** Term numbers handed out so far, stop words included: every number is below it. */
  get size(): number {
    return this.words.length;
  }

  word(term: number): string {
    return this.words[term];
  }

  /** Numbers a word that is not in the table yet (a snapshot's words, on restore) and returns its number. */
  add(word: string): number {
    return this.insert(word, hashOf(word));
  }

  /** The number of an index word, or -1 (for a stop word too). */
  find(word: string): number {
    const hash = hashOf(word);
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const entry = this.slots[slot];
      if (entry === 0) return -1;
      if (this.hashes[entry - 1] === hash && this.words[entry - 1] === word) return entry - 1 < this.stopCount ? -1 : entry - 1;
    }
  }

  /**
   * Calls `visit` with the number of each index term of `text`, in order: the
   * terms splitting on WORD_SEPARATOR and `indexTerm` give. With `create`,
   * words new to the table get a number; otherwise they are left out.
   */
  scan(text: string, create: boolean, visit: (term: number) => void): void {
    const length = text.length;
    if (length === 0) return;
    if (this.bytes.length < length) this.bytes = new Uint8Array(Math.max(length, this.bytes.length * 2));
    const { read, written } = this.encoder.encodeInto(text, this.bytes);
    if (read === length && written === length) this.scanBytes(text, this.bytes, length, create, visit);
    else this.scanChars(text, create, visit);
  }

  /** scan() over a plain ASCII text, from its bytes. */
  private scanBytes(text: string, bytes: Uint8Array, length: number, create: boolean, visit: (term: number) => void): void {
    let start = 0;
    let hash = FNV_OFFSET;
    for (let at = 0; at < length; at++) {
      const code = bytes[at];
      if (ASCII_SEPARATORS[code] === 0) {
        hash = Math.imul(hash ^ LOWER[code], FNV_PRIME);
        continue;
      }
      if (at > start) this.emitBytes(text, bytes, start, at, hash, create, visit);
      start = at + 1;
      hash = FNV_OFFSET;
    }
    if (length > start) this.emitBytes(text, bytes, start, length, hash, create, visit);
  }

  private emitBytes(text: string, bytes: Uint8Array, start: number, end: number, hash: number, create: boolean, visit: (term: number) => void): void {
    if (end - start > MAX_TERM_LENGTH) return;
    let term = this.findBytes(bytes, start, end, hash);
    if (term < 0) {
      if (!create) return;
      term = this.insert(text.slice(start, end).toLowerCase(), hash);
    }
    if (term >= this.stopCount) visit(term);
  }

  /** The number of bytes[start, end) lower-cased, stop words included, or -1. */
  private findBytes(bytes: Uint8Array, start: number, end: number, hash: number): number {
    const length = end - start;
    const codes = this.codes;
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const entry = this.slots[slot];
      if (entry === 0) return -1;
      const term = entry - 1;
      if (this.hashes[term] !== hash || this.words[term].length !== length) continue;
      const from = this.starts[term] - start;
      let same = true;
      for (let i = start; i < end; i++) {
        if (codes[from + i] !== LOWER[bytes[i]]) {
          same = false;
          break;
        }
      }
      if (same) return term;
    }
  }

  /** scan() over any text, character by character. */
  private scanChars(text: string, create: boolean, visit: (term: number) => void): void {
    const length = text.length;
    let start = 0;
    let hash = FNV_OFFSET;
    let ascii = true;
    let at = 0;
    while (at < length) {
      const code = text.charCodeAt(at);
      if (code < 128) {
        if (ASCII_SEPARATORS[code] === 0) {
          hash = Math.imul(hash ^ LOWER[code], FNV_PRIME);
          at++;
          continue;
        }
        if (at > start) this.emit(text, start, at, ascii ? hash : 0, ascii, create, visit);
        at++;
      } else {
        const point = text.codePointAt(at)!;
        at += point > 0xffff ? 2 : 1;
        if (!isSeparatorPoint(point)) {
          ascii = false;
          continue;
        }
        const end = at - (point > 0xffff ? 2 : 1);
        if (end > start) this.emit(text, start, end, ascii ? hash : 0, ascii, create, visit);
      }
      start = at;
      hash = FNV_OFFSET;
      ascii = true;
    }
    if (length > start) this.emit(text, start, length, hash, ascii, create, visit);
  }

  private emit(text: string, start: number, end: number, hash: number, ascii: boolean, create: boolean, visit: (term: number) => void): void {
    if (end - start > MAX_TERM_LENGTH) return;
    let term: number;
    if (ascii) {
      term = this.findAscii(text, start, end, hash);
      if (term < 0) {
        if (!create) return;
        term = this.insert(text.slice(start, end).toLowerCase(), hash);
      }
    } else {
      const word = foldTerm(text.slice(start, end));
      const folded = hashOf(word);
      term = this.lookup(word, folded);
      if (term < 0) {
        if (!create) return;
        term = this.insert(word, folded);
      }
    }
    if (term >= this.stopCount) visit(term);
  }

  /** The number of text[start, end) lower-cased (plain ASCII), stop words included, or -1. */
  private findAscii(text: string, start: number, end: number, hash: number): number {
    const length = end - start;
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const entry = this.slots[slot];
      if (entry === 0) return -1;
      const term = entry - 1;
      if (this.hashes[term] !== hash) continue;
      const word = this.words[term];
      if (word.length !== length) continue;
      let same = true;
      for (let i = 0; i < length; i++) {
        if (word.charCodeAt(i) !== LOWER[text.charCodeAt(start + i)]) {
          same = false;
          break;
        }
      }
      if (same) return term;
    }
  }

  /** Stop words included. */
  private lookup(word: string, hash: number): number {
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const entry = this.slots[slot];
      if (entry === 0) return -1;
      if (this.hashes[entry - 1] === hash && this.words[entry - 1] === word) return entry - 1;
    }
  }

  private insert(word: string, hash: number): number {
    const term = this.words.length;
    this.words.push(word);
    this.hashes.push(hash);
    if (this.codesUsed + word.length > this.codes.length) {
      const codes = new Uint16Array(Math.max(this.codesUsed + word.length, this.codes.length * 2));
      codes.set(this.codes);
      this.codes = codes;
    }
    this.starts.push(this.codesUsed);
    for (let i = 0; i < word.length; i++) this.codes[this.codesUsed++] = word.charCodeAt(i);
    if (this.words.length * 2 > this.slots.length) this.grow();
    else this.place(term, hash);
    return term;
  }

  private place(term: number, hash: number): void {
    let slot = hash & this.mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
    this.slots[slot] = term + 1;
  }

  private grow(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    this.mask = this.slots.length - 1;
    for (let term = 0; term < this.words.length; term++) this.place(term, this.hashes[term]);
  }
}

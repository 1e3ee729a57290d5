// A workspace held in memory for the adapters' pure logic: real digests parsed by the real
// parser into the real PaperIndex, and notes in a map that hands out a new object per change,
// as the note store does. It answers the narrow interfaces the tree and the card read through.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PaperIndex, emptyNote, parseDigest, type PaperNote } from '../../src/core';

export const FIXTURES = join(__dirname, '..', 'fixtures');

/** The three seed digests: file name, digest date, paper count. */
export const SEED_DIGESTS = [
  { file: '000_9ccde1c60d8efdfe.txt', date: 'Nov 6', papers: 6 },
  { file: '001_3597d4dd633941ce.txt', date: 'Dec 11', papers: 18 },
  { file: '002_192ceaad66bef3ca.txt', date: 'Oct 27', papers: 28 },
] as const;

/** The digests' files were saved late in 2025, so "Dec 11" is 2025's and newest. */
const SAVED = Date.UTC(2025, 11, 20);

export class InMemoryWorkspace {
  readonly index = new PaperIndex();
  private readonly notes = new Map<string, PaperNote>();
  /** Why a paper's notes are not on disk, by paper id (an unreadable file, a failed write). */
  readonly problems = new Map<string, string>();
  /** Workspace-relative paths of the files that exist besides the digests. */
  readonly files = new Set<string>();

  readonly store = {
    get: (id: string): PaperNote | undefined => this.notes.get(id),
    all: (): PaperNote[] => [...this.notes.values()],
    problem: (id: string): string | undefined => this.problems.get(id),
  };

  /** Parses `text` as the digest file `name` of the workspace and indexes it. */
  addDigest(name: string, text: string, mtime = SAVED): this {
    this.index.setDigest(parseDigest(text, this.uri(name)), name, mtime);
    return this;
  }

  addSeedDigests(): this {
    for (const { file } of SEED_DIGESTS) this.addDigest(file, readFileSync(join(FIXTURES, file), 'utf8'));
    return this;
  }

  uri(name: string): string {
    return `file:///workspace/${name}`;
  }

  /** Changes a paper's note (creating it), replacing the object as the store does. */
  setNote(id: string, change: Partial<Omit<PaperNote, 'id'>>): PaperNote {
    const title = this.index.paper(id)?.paper.title ?? id;
    const note: PaperNote = { ...(this.notes.get(id) ?? emptyNote(id, title)), ...change, id };
    this.notes.set(id, note);
    return note;
  }

  deleteNote(id: string): void {
    this.notes.delete(id);
  }

  // The lookups the adapters read through.
  digests() {
    return this.index.digests();
  }

  papers() {
    return this.index.papers();
  }

  paper(id: string) {
    return this.index.paper(id);
  }

  digest(uri: string) {
    return this.index.digest(uri);
  }

  note(id: string): PaperNote | undefined {
    return this.notes.get(id);
  }

  /** Where the store keeps a paper's notes. */
  notesFile(id: string): string {
    return `.papers/notes/${id}.md`;
  }

  isWorkspaceFile(path: string): boolean {
    return this.files.has(path);
  }

  /** The id of the paper with this exact title; fails the test when there is none. */
  idOf(title: string): string {
    const found = this.index.papers().find((entry) => entry.paper.title === title);
    if (!found) throw new Error(`no paper titled "${title}" in the workspace`);
    return found.id;
  }
}

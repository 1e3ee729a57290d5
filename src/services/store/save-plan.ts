import type { NoteDocument, PaperNote } from '../../core';
import { emptyNote, MAX_NOTES_FILE_LENGTH, mergeNotes, oversizedNoteFile, parseNoteFile, serializeNoteFile } from '../../core';
import type { NoteFilePort } from './note-file-port';

/** What the store knows of one paper's notes file: the note the user sees, and the file as last read or written. */
export interface NoteFileState {
  readonly id: string;
  /** What the user sees: the file's content plus edits not yet on disk. */
  note?: PaperNote;
  /** The file's text when last read or written; undefined when there is no file. */
  baseText?: string;
  baseNote?: PaperNote;
  baseDoc?: NoteDocument;
  /** The file on disk cannot be parsed, or not rewritten faithfully: it is never overwritten until it can. */
  broken?: { line: number; message: string };
  /** The in-memory note holds edits that are not on disk yet. */
  dirty: boolean;
}

/** A notes file as found on disk: its text, undefined when there is none, or only its size when it is too large to read. */
export type DiskText = string | undefined | { readonly oversized: number };

/**
 * The file's text, stat first: a file over MAX_NOTES_FILE_LENGTH bytes is never read (reading
 * and decoding it would hold the host for nothing), only its size is handed on.
 */
export async function readDiskText<F>(files: NoteFilePort<F>, file: F): Promise<DiskText> {
  const stat = await files.stat(file);
  if (stat && stat.size > MAX_NOTES_FILE_LENGTH) return { oversized: stat.size };
  return files.read(file);
}

/** What taking a freshly read file as the base did. */
export type TakeResult =
  | { kind: 'same' }
  | { kind: 'gone' }
  | { kind: 'broken' }
  | { kind: 'read'; conflicts: string[] };

/**
 * Takes the file's text as just read (undefined: no file) as the new base. Edits not yet on
 * disk are merged onto it field by field, never dropped; a file that cannot be parsed marks
 * the state broken and keeps the note as it was.
 */
export function takeDiskText(state: NoteFileState, text: DiskText): TakeResult {
  if (typeof text === 'object') {
    const { message } = oversizedNoteFile(state.id, text.oversized);
    if (state.broken?.message === message) return { kind: 'same' };
    state.baseText = state.baseNote = state.baseDoc = undefined;
    state.broken = { line: 0, message };
    return { kind: 'broken' };
  }
  if (text === state.baseText && !(text === undefined && state.broken)) return { kind: 'same' };
  if (text === undefined) {
    // Deleted on disk (a branch switch, a hand delete). Unsaved edits are kept and written again.
    state.baseText = state.baseNote = state.baseDoc = state.broken = undefined;
    if (!state.dirty) state.note = undefined;
    return { kind: 'gone' };
  }
  const parsed = parseNoteFile(text, state.id);
  state.baseText = text;
  if (!parsed.ok) {
    state.broken = { line: parsed.line, message: parsed.message };
    return { kind: 'broken' };
  }
  state.broken = undefined;
  let conflicts: string[] = [];
  if (state.dirty && state.note) {
    const merged = mergeNotes(state.baseNote ?? emptyNote(state.id, state.note.title), state.note, parsed.note);
    state.note = merged.note;
    conflicts = merged.conflicts;
  } else {
    state.note = parsed.note;
  }
  state.baseNote = parsed.note;
  state.baseDoc = parsed.doc;
  return { kind: 'read', conflicts };
}

export type SaveResult =
  /** Nothing was pending. */
  | { kind: 'clean' }
  /** The edit is on disk; `wrote` is false when the file already said the same. */
  | { kind: 'saved'; wrote: boolean; changedOnDisk: boolean; conflicts: string[] }
  /** The file cannot be read or rewritten faithfully (see `state.broken`): it was left as it is, the edit is kept. */
  | { kind: 'refused'; changedOnDisk: boolean; conflicts: string[] }
  /** Reading or writing failed: the edit is kept in memory for the next try. */
  | { kind: 'failed'; error: unknown; changedOnDisk: boolean; conflicts: string[] };

/** How often a save merges again when the file keeps changing between its read and its write. */
export const SAVE_ATTEMPTS = 5;

/**
 * Saves the pending edit of `state` to `file`. The file is read first and, if it changed since it
 * was last read (by hand, by git, by another window), merged rather than overwritten; it is read
 * once more just before the write, and a change that landed in between is merged and the save
 * tried again. A file that cannot be parsed or rewritten faithfully is never written; a failed
 * read or write leaves the edit pending. (The file system offers no compare-and-swap, so a write
 * by another program in the instant between that last read and the rename is the one it cannot see.)
 */
export async function saveNote<F>(state: NoteFileState, files: NoteFilePort<F>, file: F, attempts = SAVE_ATTEMPTS): Promise<SaveResult> {
  if (!state.dirty || !state.note) return { kind: 'clean' };
  const conflicts: string[] = [];
  let changedOnDisk = false;
  if (state.broken) return { kind: 'refused', changedOnDisk, conflicts };
  let disk: DiskText;
  try {
    disk = await readDiskText(files, file);
  } catch (error) {
    return { kind: 'failed', error, changedOnDisk, conflicts };
  }
  for (let attempt = 0; ; attempt++) {
    const taken = takeDiskText(state, disk);
    if (taken.kind !== 'same') changedOnDisk = true;
    if (taken.kind === 'read') conflicts.push(...taken.conflicts);
    if (taken.kind === 'broken') return { kind: 'refused', changedOnDisk, conflicts };
    const saved = serializeNoteFile(state.note, state.baseDoc);
    if (!saved.ok) {
      // Aliases, merge keys, custom tags, ...: the file is never overwritten; the edit waits until it is fixed.
      state.broken = { line: saved.line, message: saved.message };
      return { kind: 'refused', changedOnDisk, conflicts };
    }
    if (saved.text === disk) {
      state.dirty = false;
      return { kind: 'saved', wrote: false, changedOnDisk, conflicts };
    }
    let now: DiskText;
    try {
      now = await readDiskText(files, file);
    } catch (error) {
      return { kind: 'failed', error, changedOnDisk, conflicts };
    }
    if (now !== disk) {
      // Another writer got in between: merge its change too, then try again.
      if (attempt + 1 >= attempts) return { kind: 'failed', error: new Error('the file kept changing while it was saved'), changedOnDisk: true, conflicts };
      disk = now;
      continue;
    }
    try {
      await files.writeAtomic(file, saved.text);
    } catch (error) {
      return { kind: 'failed', error, changedOnDisk, conflicts };
    }
    state.baseText = saved.text;
    state.baseNote = saved.note;
    state.baseDoc = saved.doc;
    state.dirty = false;
    return { kind: 'saved', wrote: true, changedOnDisk, conflicts };
  }
}

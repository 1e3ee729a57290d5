/** Notes files: reading and writing them, merging concurrent edits, wikilinks and rendering the notes. */
export { parseNoteFile, oversizedNoteFile, serializeNoteFile, emptyNote, isEmptyNote, MAX_NOTES_FILE_LENGTH, MAX_YAML_ALIASES } from './notes-file';
export type { NoteDocument, NoteParseResult, NoteSerializeResult, NoteFileError, NoteRewriteRefusal, NoteFileOptions } from './notes-file';
export { notesFileName, paperIdFromNotesFileName } from './notes-file-name';
export { checkStorageFolder, DEFAULT_STORAGE_FOLDER } from './storage-folder';
export type { StorageFolderCheck } from './storage-folder';
export { mergeNotes } from './notes-merge';
export type { NoteMergeResult } from './notes-merge';
export { mergeText, diff3, lcsMatches } from './notes-diff3';
export type { TextMergeResult, ConflictLabels, Diff3Chunk } from './notes-diff3';
export { renderNotesHtml, REMOTE_IMAGE_CLASS } from './render-notes';
export { withoutCommentImages } from './comment-images';
export type { NotesHtmlOptions } from './render-notes';
export { findWikilinks, splitWikilinks, remarkWikilinks, UNRESOLVED_CLASS } from './wikilinks';
export type { Wikilink, WikilinkResolver, WikilinkTarget } from './wikilinks';

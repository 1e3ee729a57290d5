/**
 * The few file operations the notes store needs, on one notes file at a time: a port, so the
 * save logic runs in unit tests against an in-memory disk that can fail and be edited by
 * "another window" at any step. `F` names a file (a vscode.Uri in the extension, a string in tests).
 */
export interface NoteFilePort<F> {
  /** The file's text; undefined when there is no such file. Other failures are thrown. */
  read(file: F): Promise<string | undefined>;
  /** Modification time and size, to notice a change without reading; undefined when there is no such file. */
  stat(file: F): Promise<{ mtime: number; size: number } | undefined>;
  /**
   * Replaces the file in one step (a temporary file beside it, renamed over it), creating its
   * folder when needed: a reader sees the old file or the new one, never half of one.
   */
  writeAtomic(file: F, text: string): Promise<void>;
}

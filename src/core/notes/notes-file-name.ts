/**
 * The name of a paper's notes file, `<paper-id>.md`, and back.
 *
 * Adapters build the notes file's path from these only, so an id that came from a
 * command, a message or a file name is checked before it is joined into a path:
 * anything that is not a paper id (see isPaperId: [a-z0-9-], not starting with "-",
 * at most MAX_PAPER_ID_LENGTH characters) gets no file name, and neither does a
 * name Windows reserves for a device (`con.md` is the console there, whatever the
 * extension). paperId() never makes such an id, but a hand-made one could.
 */
import { isPaperId } from '../model';

const EXTENSION = '.md';

const WINDOWS_DEVICES = /^(?:con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

/** True for an id that is safe as a file name on every platform. */
function isFileSafeId(id: unknown): id is string {
  return isPaperId(id) && !WINDOWS_DEVICES.test(id);
}

/** `<id>.md` for a valid paper id, else undefined. */
export function notesFileName(id: unknown): string | undefined {
  return isFileSafeId(id) ? `${id}${EXTENSION}` : undefined;
}

/** The paper id of a notes file's name (`<id>.md`, exactly as notesFileName writes it), else undefined. */
export function paperIdFromNotesFileName(name: unknown): string | undefined {
  if (typeof name !== 'string' || !name.endsWith(EXTENSION)) return undefined;
  const id = name.slice(0, -EXTENSION.length);
  return isFileSafeId(id) ? id : undefined;
}

/**
 * A copy of a string in memory of its own. A parser's substrings are views into the whole
 * text they were cut from (V8 makes a slice of 13 characters or more a pointer into its
 * parent), so one title kept by the library keeps its whole file alive; and a file with
 * one character beyond Latin-1 ("•", "▲") is stored at two bytes a character, as is every
 * copy made from it by slicing, joining or replacing. A UTF-8 round trip makes a new string
 * that V8 sizes by its content: one byte a character when the text is Latin-1.
 */
const encoder = new TextEncoder();
// ignoreBOM: a text that starts with U+FEFF keeps it.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
let buffer = new Uint8Array(1 << 16);

/** Shorter strings are copied by slicing already (V8's shortest slice is 13 characters). */
const SHORT = 13;
/** A surrogate alone, which a UTF-8 round trip would turn into U+FFFD. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;


export function ownText(text: string): string {
  return copy(text, undefined);
}

/**
 * A copy of `text` with each `lineBreak` in it replaced by a space: the lines of a
 * hard-wrapped paragraph joined in the copy itself, rather than in a joined string made
 * only to be copied.
 */
export function ownJoinedLines(text: string, lineBreak: '\n' | '\r\n' | '\r'): string {
  return copy(text, lineBreak);
}

function copy(text: string, lineBreak: string | undefined): string {
  if (text.length < SHORT) return lineBreak === undefined ? text : text.replaceAll(lineBreak, ' ');
  // At most three bytes a UTF-16 unit.
  if (buffer.length < text.length * 3) buffer = new Uint8Array(text.length * 3);
  const { written } = encoder.encodeInto(text, buffer);
  const length = lineBreak === undefined ? written : breaksToSpaces(buffer.subarray(0, written), lineBreak);
  const copied = decoder.decode(buffer.subarray(0, length));
  // Looking for U+FFFD in the copy costs nothing when the copy is Latin-1, unlike a test of the text.
  if (copied.includes('\ufffd') && LONE_SURROGATE.test(text)) {
    return (lineBreak === undefined ? text : text.replaceAll(lineBreak, ' ')).split('').join('');
  }
  return copied;
}

/**
 * Replaces each `lineBreak` in UTF-8 `bytes` by a space, in place, and gives the new length.
 * No other character has a byte equal to CR or LF in UTF-8.
 */
function breaksToSpaces(bytes: Uint8Array, lineBreak: string): number {
  if (lineBreak !== '\r\n') {
    const code = lineBreak === '\n' ? 0x0a : 0x0d;
    for (let at = bytes.indexOf(code); at !== -1; at = bytes.indexOf(code, at + 1)) bytes[at] = 0x20;
    return bytes.length;
  }
  // Two bytes become one: the bytes between breaks move down.
  let write = 0;
  let read = 0;
  for (let at = bytes.indexOf(0x0d); at !== -1; at = bytes.indexOf(0x0d, at + 1)) {
    if (bytes[at + 1] !== 0x0a) continue;
    bytes.copyWithin(write, read, at);
    write += at - read;
    bytes[write++] = 0x20;
    read = at + 2;
  }
  bytes.copyWithin(write, read);
  return write + bytes.length - read;
}

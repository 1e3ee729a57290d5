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
  if (text.length < SHORT) return text;
  // At most three bytes a UTF-16 unit.
  if (buffer.length < text.length * 3) buffer = new Uint8Array(text.length * 3);
  const { written } = encoder.encodeInto(text, buffer);
  const copy = decoder.decode(buffer.subarray(0, written));
  // Looking for U+FFFD in the copy costs nothing when the copy is Latin-1, unlike a test of the text.
  if (copy.includes('\ufffd') && LONE_SURROGATE.test(text)) return text.split('').join('');
  return copy;
}

/**
 * Links in free text (an abstract): the http(s) URLs a reader wants to open, such as a
 * code repository or a project page.
 *
 * A URL runs from `http://` or `https://` up to white space or a character that never
 * appears unescaped in a URL. Prose punctuation that follows a URL is not part of it:
 * a sentence's final `.`, a `,` or `;`, closing quotes, and a closing bracket whose
 * opening bracket is outside the URL ("(see https://x.org/a)."). Brackets opened inside
 * the URL stay balanced ("https://en.wikipedia.org/wiki/Set_(mathematics)").
 *
 * The scan is one pass over the text with indexOf, so it stays linear on any input.
 */

/** Characters that end a URL wherever they appear. */
function endsUrl(code: number): boolean {
  return (
    code <= 0x20 || // white space and control characters
    code === 0x22 || // "
    code === 0x3c || // <
    code === 0x3e || // >
    code === 0x5c || // \
    code === 0x5e || // ^
    code === 0x60 || // `
    code === 0x7b || // {
    code === 0x7c || // |
    code === 0x7d || // }
    code === 0x7f ||
    code === 0xa0 || // no-break space
    code === 0x2018 || code === 0x2019 || code === 0x201c || code === 0x201d || // curly quotes
    code === 0xab || code === 0xbb || // guillemets
    (code >= 0x2000 && code <= 0x200b) || // typographic spaces
    code === 0x3000 ||
    code === 0x3001 || code === 0x3002 || // ideographic comma and full stop
    code === 0xff0c || code === 0xff08 || code === 0xff09 // full-width comma and brackets
  );
}

/** Punctuation that ends a sentence or a clause rather than a URL. */
function isTrailingPunctuation(code: number): boolean {
  return (
    code === 0x2e || // .
    code === 0x2c || // ,
    code === 0x3b || // ;
    code === 0x3a || // :
    code === 0x21 || // !
    code === 0x3f || // ?
    code === 0x27 || // '
    code === 0x2a || // * (emphasis around a pasted URL)
    code === 0x5f || // _
    code === 0x2026 // …
  );
}

function isWordChar(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)
  );
}

/**
 * The end (exclusive) of the URL that starts at `start` and may run to `limit`, after
 * dropping trailing punctuation and unbalanced closing brackets.
 */
function trimUrlEnd(text: string, start: number, limit: number): number {
  let open = 0; // "(" minus ")" inside the candidate
  let openSquare = 0;
  for (let i = start; i < limit; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x28) open++;
    else if (code === 0x29) open--;
    else if (code === 0x5b) openSquare++;
    else if (code === 0x5d) openSquare--;
  }
  let end = limit;
  while (end > start) {
    const code = text.charCodeAt(end - 1);
    if (isTrailingPunctuation(code)) {
      end--;
    } else if (code === 0x29 && open < 0) {
      open++;
      end--;
    } else if (code === 0x5d && openSquare < 0) {
      openSquare++;
      end--;
    } else {
      break;
    }
  }
  return end;
}

/**
 * The http(s) URLs found in `text`, in order of first appearance, each once.
 * Only the lower-case schemes are recognised: they are what digests write.
 */
export function extractLinks(text: string): string[] {
  const found: string[] = [];
  let seen: Set<string> | undefined; // made only for text with many links, to stay linear
  let from = 0;
  for (;;) {
    // Look for "://" rather than "http": ":" is rare in prose, so the search skips ahead fast.
    const colon = text.indexOf('://', from);
    if (colon === -1) break;
    const afterScheme = colon + 3;
    let at: number;
    if (colon >= 5 && text.startsWith('https', colon - 5)) at = colon - 5;
    else if (colon >= 4 && text.startsWith('http', colon - 4)) at = colon - 4;
    else {
      from = afterScheme;
      continue;
    }
    // "xhttp://" is not a URL of its own: the scheme must start a word.
    if (at > 0 && isWordChar(text.charCodeAt(at - 1))) {
      from = afterScheme;
      continue;
    }
    let limit = afterScheme;
    while (limit < text.length && !endsUrl(text.charCodeAt(limit))) limit++;
    const end = trimUrlEnd(text, afterScheme, limit);
    if (end > afterScheme) {
      const url = text.slice(at, end);
      // An abstract has a handful of links: a short list beats a set, until it is not short.
      if (seen === undefined && found.length >= 8) seen = new Set(found);
      const known = seen === undefined ? found.includes(url) : seen.has(url);
      if (!known) {
        found.push(url);
        seen?.add(url);
      }
    }
    from = Math.max(limit, afterScheme);
  }
  return found;
}

/**
 * Text from a digest or a notes file, made safe to put into Markdown that VS Code renders (a
 * hover, a tree tooltip): it reads back as exactly its words, never as a link, an image, HTML,
 * emphasis or a block of another kind.
 *
 * VS Code's own MarkdownString.appendText does this too, but it turns every space into
 * `&nbsp;`, so a long abstract cannot wrap between words and the hover breaks it inside them.
 * Here every ASCII punctuation character is escaped with a backslash (CommonMark lets any of
 * them be), and runs of white space, line breaks included, become one space: a line that
 * starts with spaces would otherwise be a code block, and a blank line a new paragraph.
 */
const PUNCTUATION = /[!-/:-@[-`{-~]/g;

export function markdownText(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(PUNCTUATION, '\\$&');
}

/**
 * As markdownText, but the text's lines stay lines (a hard line break between them) and a
 * blank line still parts two paragraphs: for notes and comments, whose line breaks are the
 * writer's. No line can start a block of another kind: its punctuation is escaped and its
 * leading white space dropped.
 */
export function markdownLines(text: string): string {
  return text
    .split(/\r?\n[^\S\n]*(?:\r?\n[^\S\n]*)+/)
    .map((paragraph) => paragraph.split(/\r?\n/).map(markdownText).filter((line) => line !== '').join('\\\n'))
    .filter((paragraph) => paragraph !== '')
    .join('\n\n');
}

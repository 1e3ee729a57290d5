import * as vscode from 'vscode';
import { markdownLines, markdownText, withoutCommentImages, type Annotation } from '../../core';
import { colourLabel } from './highlights';
import { colourOf } from './palette';

/** Which stored text a comment shows: an annotation's body, or one of its replies. */
export interface CommentRef {
  paperId: string;
  annotationId: string;
  /** Index into the annotation's replies; undefined for the annotation itself. */
  reply?: number;
}

/**
 * A comment in an annotation thread. User text is shown as Markdown without
 * HTML and without command links (an untrusted MarkdownString), so a hostile
 * note renders as text.
 */
export class AnnotationComment implements vscode.Comment {
  body: string | vscode.MarkdownString;
  mode = vscode.CommentMode.Preview;
  readonly author: vscode.CommentAuthorInformation;
  readonly contextValue: 'annotation' | 'reply';
  readonly timestamp?: Date;
  readonly label?: string;
  /** The thread showing this comment, so menu commands that receive only the comment can find it. */
  thread?: vscode.CommentThread;

  constructor(readonly ref: CommentRef, readonly text: string, created: string, label?: string) {
    this.body = markdown(text);
    this.contextValue = ref.reply === undefined ? 'annotation' : 'reply';
    this.author = { name: ref.reply === undefined ? vscode.l10n.t('Annotation') : vscode.l10n.t('Reply') };
    const time = created ? new Date(created) : undefined;
    if (time && !Number.isNaN(time.getTime())) this.timestamp = time;
    if (label) this.label = label;
  }

  /** The text being edited, or the stored text when not editing. */
  currentText(): string {
    if (typeof this.body === 'string') return this.body;
    // Shown, the body may have its images turned into links: unchanged, the stored text is the text.
    return this.body.value === markdown(this.text).value ? this.text : this.body.value;
  }

  resetBody(): void {
    this.body = markdown(this.text);
  }
}

function markdown(text: string): vscode.MarkdownString {
  // VS Code's renderer loads any image a comment names; a shared notes file must not make it.
  const remoteImages = vscode.workspace.getConfiguration('paperReader.notes').get<boolean>('loadRemoteImages', false) === true;
  const md = new vscode.MarkdownString(remoteImages ? text : withoutCommentImages(text));
  md.isTrusted = false;
  md.supportHtml = false;
  return md;
}

export function commentsOf(paperId: string, annotation: Annotation): AnnotationComment[] {
  const label = annotation.tag ? colourLabel(colourOf(annotation.tag)) : undefined;
  const comments = [new AnnotationComment({ paperId, annotationId: annotation.id }, annotation.body, annotation.created, label)];
  (annotation.replies ?? []).forEach((reply, index) => {
    comments.push(new AnnotationComment({ paperId, annotationId: annotation.id, reply: index }, reply.body, reply.created));
  });
  return comments;
}

/** What the thread shows changes only when this does. */
export function signatureOf(annotation: Annotation): string {
  return JSON.stringify([annotation.body, annotation.tag ?? '', annotation.created, annotation.replies ?? [], annotation.anchor.exact]);
}

/** The thread's heading: the quoted words, shortened. */
export function threadLabel(annotation: Annotation): string {
  return `“${shorten(annotation.anchor.exact, 60)}”`;
}

export function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** The text cut to `max` characters, its line breaks kept. */
function clip(text: string, max: number): string {
  const trimmed = text.trim();
  return trimmed.length > max ? `${trimmed.slice(0, max - 1)}…` : trimmed;
}

/**
 * The hover on a highlight: the comment and its replies, as text with their line breaks
 * (markdownLines, not appendText, whose `&nbsp;` would let a comment break only inside words).
 */
export function hoverOf(annotation: Annotation): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.isTrusted = false;
  md.appendMarkdown(`$(comment) **${markdownText(vscode.l10n.t('Annotation'))}**`);
  if (annotation.tag) md.appendMarkdown(` · ${markdownText(colourLabel(colourOf(annotation.tag)))}`);
  md.appendMarkdown(`\n\n${markdownLines(clip(annotation.body, 1000)) || markdownText(vscode.l10n.t('(no comment)'))}`);
  const replies = annotation.replies ?? [];
  for (const reply of replies.slice(0, 5)) md.appendMarkdown(`\n\n---\n\n$(reply) ${markdownLines(clip(reply.body, 300))}`);
  if (replies.length > 5) md.appendMarkdown(`\n\n${markdownText(vscode.l10n.t('…and {0} more replies', replies.length - 5))}`);
  return md;
}

import * as vscode from 'vscode';
import { createAnchor } from '../../core';
import type { Annotation } from '../../core';
import { paperIdFromArg as paperIdOf } from '../../shared/paper-arg';
import type { Services } from '../../services';
import { AnnotationComment, shorten } from './comments';
import type { AnnotationsController, OrphanEntry } from './controller';
import { PALETTE, colourLabel, type Colour } from './palette';
import { resolveRange, titleTarget, toRange, type Target } from './selection';
import { registerCommand } from '../../shared/commands';

/** Options of `paperReader.annotation.add` when called from code rather than a menu. */
export interface AddOptions {
  /** The comment; when given, the annotation is saved at once instead of opening the comment widget. */
  body?: string;
  /** A palette colour name. */
  tag?: string;
  /** Annotate this paper's title when the selection is not in it (the CodeLens passes the paper's id). */
  paperId?: string;
}

interface Draft {
  target: Target;
  tag?: Colour;
}

/** The annotation a command is about, from a comment, a thread or `{ paperId, annotationId }`. */
interface AnnotationRef {
  paperId: string;
  annotationId: string;
  reply?: number;
}

export class AnnotationCommands {
  private readonly drafts = new Map<vscode.CommentThread, Draft>();
  /** The orphan picked in the list, re-attached by the next Re-attach in its paper. */
  private pendingReattach: { paperId: string; annotationId: string } | undefined;

  constructor(private readonly services: Services, private readonly controller: AnnotationsController) {}

  register(): vscode.Disposable[] {
    const command = (id: string, run: (...args: never[]) => unknown) => registerCommand(this.services, id, run);
    return [
      command('paperReader.annotation.add', (arg?: unknown) => this.add(arg)),
      command('paperReader.annotation.create', (reply: vscode.CommentReply) => this.create(reply)),
      command('paperReader.annotation.cancelDraft', (thread: vscode.CommentThread) => this.cancelDraft(thread)),
      command('paperReader.annotation.reply', (reply: vscode.CommentReply) => this.reply(reply)),
      command('paperReader.annotation.edit', (comment: AnnotationComment) => this.edit(comment)),
      command('paperReader.annotation.saveEdit', (comment: AnnotationComment) => this.saveEdit(comment)),
      command('paperReader.annotation.cancelEdit', (comment: AnnotationComment) => this.cancelEdit(comment)),
      command('paperReader.annotation.delete', (arg: unknown) => this.delete(arg)),
      command('paperReader.annotation.setColour', (arg: unknown, colour?: unknown) => this.setColour(arg, colour)),
      command('paperReader.annotation.showOrphans', () => this.showOrphans()),
      command('paperReader.annotation.reattach', (arg?: unknown) => this.reattach(arg)),
      command('paperReader.annotation.reveal', (paperId?: unknown, annotationId?: unknown) => this.reveal(paperId, annotationId)),
      { dispose: () => this.drafts.forEach((_, thread) => thread.dispose()) },
    ];
  }

  /**
   * Annotate Selection. With a `body` the annotation is saved at once and its
   * id returned; otherwise a comment thread opens on the words for the comment.
   */
  async add(arg?: unknown): Promise<string | undefined> {
    const options = readAddOptions(arg);
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Open a paper digest and select words to annotate them.'));
      return undefined;
    }
    const doc = editor.document;
    const digest = this.controller.digestOf(doc);
    let range: vscode.Range = editor.selection;
    if (range.isEmpty) range = doc.getWordRangeAtPosition(range.start) ?? range;
    let target = resolveRange(doc, digest, range);
    if (typeof target === 'string' && options.paperId && digest && editor.selection.isEmpty) {
      target = titleTarget(doc, digest, options.paperId) ?? target;
    }
    if (typeof target === 'string') {
      void vscode.window.showWarningMessage(target);
      return undefined;
    }
    const tag = options.tag !== undefined ? paletteColour(options.tag) : undefined;
    if (options.tag !== undefined && tag === undefined) {
      void vscode.window.showWarningMessage(vscode.l10n.t('"{0}" is not a highlight colour; use one of: {1}.', options.tag, PALETTE.join(', ')));
      return undefined;
    }
    if (options.body !== undefined) {
      const annotation = newAnnotation(target, options.body, tag);
      await this.save(target, annotation);
      return annotation.id;
    }
    const thread = this.controller.comments.createCommentThread(doc.uri, target.range, []);
    thread.contextValue = 'draft';
    thread.label = vscode.l10n.t('New annotation on {0}', `“${shorten(target.text.slice(target.start, target.end), 60)}”`);
    thread.canReply = true;
    thread.collapsibleState = vscode.CommentThreadCollapsibleState.Expanded;
    this.drafts.set(thread, { target, tag });
    return undefined;
  }

  /** The first comment of a new thread (ours, or one started from the gutter): saves the annotation. */
  async create(reply: vscode.CommentReply): Promise<string | undefined> {
    if (!reply?.thread) return undefined;
    if (this.controller.ownerOf(reply.thread)) return this.reply(reply).then(() => undefined);
    const text = reply.text ?? '';
    const draft = this.drafts.get(reply.thread);
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === reply.thread.uri.toString());
    if (!doc || !reply.thread.range) {
      void vscode.window.showWarningMessage(vscode.l10n.t("Annotations belong to words of a paper's title or abstract, not to a whole file."));
      return undefined;
    }
    // The words may have moved since the thread opened: resolve its range (which the editor kept in place) again.
    const target = resolveRange(doc, this.controller.digestOf(doc), reply.thread.range, true);
    if (typeof target === 'string') {
      void vscode.window.showWarningMessage(target);
      return undefined;
    }
    this.drafts.delete(reply.thread);
    const annotation = newAnnotation(target, text, draft?.tag);
    await this.controller.adopt(reply.thread, target, annotation, this.save(target, annotation));
    reply.thread.collapsibleState = vscode.CommentThreadCollapsibleState.Expanded;
    return annotation.id;
  }

  cancelDraft(thread: vscode.CommentThread): void {
    if (!thread || this.controller.ownerOf(thread)) return;
    this.drafts.delete(thread);
    thread.dispose();
  }

  async reply(reply: vscode.CommentReply): Promise<void> {
    const owner = reply?.thread ? this.controller.ownerOf(reply.thread) : undefined;
    if (!owner) {
      if (reply?.thread) await this.create(reply);
      return;
    }
    const body = reply.text ?? '';
    if (body.trim() === '') return;
    await this.change(owner, (annotation) => {
      annotation.replies = [...(annotation.replies ?? []), { body, created: new Date().toISOString() }];
    });
  }

  edit(comment: AnnotationComment): void {
    if (!(comment instanceof AnnotationComment) || !comment.thread) return;
    for (const other of comment.thread.comments) {
      if (other instanceof AnnotationComment && other !== comment && other.mode === vscode.CommentMode.Editing) {
        other.resetBody();
        other.mode = vscode.CommentMode.Preview;
      }
    }
    comment.mode = vscode.CommentMode.Editing;
    comment.body = comment.text;
    comment.thread.comments = [...comment.thread.comments];
  }

  async saveEdit(comment: AnnotationComment): Promise<void> {
    if (!(comment instanceof AnnotationComment)) return;
    const text = comment.currentText();
    await this.change(comment.ref, (annotation) => {
      if (comment.ref.reply === undefined) annotation.body = text;
      else if (annotation.replies?.[comment.ref.reply]) annotation.replies[comment.ref.reply].body = text;
    });
    comment.mode = vscode.CommentMode.Preview;
    if (comment.thread) comment.thread.comments = [...comment.thread.comments];
  }

  cancelEdit(comment: AnnotationComment): void {
    if (!(comment instanceof AnnotationComment)) return;
    comment.resetBody();
    comment.mode = vscode.CommentMode.Preview;
    if (comment.thread) comment.thread.comments = [...comment.thread.comments];
  }

  /** Deletes a reply, or a whole annotation (asking first when it has replies). */
  async delete(arg: unknown): Promise<boolean> {
    const ref = this.refOf(arg);
    if (!ref) return false;
    const annotation = this.services.store.get(ref.paperId)?.annotations.find((a) => a.id === ref.annotationId);
    if (!annotation) return false;
    if (ref.reply !== undefined) {
      await this.change(ref, (a) => {
        a.replies = (a.replies ?? []).filter((_, i) => i !== ref.reply);
        if (a.replies.length === 0) delete a.replies;
      });
      return true;
    }
    const replies = annotation.replies?.length ?? 0;
    if (replies > 0 && !isApiCall(arg)) {
      const remove = vscode.l10n.t('Delete');
      const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t('Delete the annotation on {0} and its {1} replies?', `“${shorten(annotation.anchor.exact, 60)}”`, replies),
        { modal: true },
        remove,
      );
      if (answer !== remove) return false;
    }
    const title = this.services.store.get(ref.paperId)?.title ?? '';
    await this.services.store.update(ref.paperId, title, (note) => {
      note.annotations = note.annotations.filter((a) => a.id !== ref.annotationId);
    });
    return true;
  }

  /** Sets the highlight colour of an annotation (or of a thread still being written). */
  async setColour(arg: unknown, colourArg?: unknown): Promise<void> {
    let colour: Colour | null | undefined = typeof colourArg === 'string' ? paletteColour(colourArg) ?? null : undefined;
    if (colour === null) return;
    if (colour === undefined) {
      const picked = await vscode.window.showQuickPick(
        [
          ...PALETTE.map((c) => ({ label: colourLabel(c), colour: c as Colour | undefined, iconPath: new vscode.ThemeIcon('circle-large-filled', new vscode.ThemeColor(`paperReader.annotation.${c}Ruler`)) })),
          { label: vscode.l10n.t('No colour tag'), colour: undefined, iconPath: new vscode.ThemeIcon('circle-large-outline') },
        ],
        { title: vscode.l10n.t('Highlight Colour'), placeHolder: vscode.l10n.t('The colour of this annotation\'s highlight') },
      );
      if (!picked) return;
      colour = picked.colour;
    }
    const thread = isThread(arg) ? arg : undefined;
    const draft = thread ? this.drafts.get(thread) : undefined;
    if (draft) {
      draft.tag = colour;
      return;
    }
    const ref = this.refOf(arg);
    if (!ref) return;
    await this.change(ref, (annotation) => {
      if (colour) annotation.tag = colour;
      else delete annotation.tag;
    });
  }

  async showOrphans(): Promise<void> {
    const orphans = this.controller.orphans();
    if (orphans.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Every annotation is attached to its words.'));
      return;
    }
    const removeButton = { iconPath: new vscode.ThemeIcon('trash'), tooltip: vscode.l10n.t('Delete Annotation') };
    type Item = vscode.QuickPickItem & { orphan: OrphanEntry };
    const pick = vscode.window.createQuickPick<Item>();
    const items = (list: OrphanEntry[]): Item[] => list.map((orphan) => ({
      label: `$(comment-unresolved) “${shorten(orphan.annotation.anchor.exact, 80)}”`,
      description: shorten(orphan.title, 80),
      detail: `${shorten(orphan.annotation.body, 120) || vscode.l10n.t('(no comment)')} · ${baseName(orphan.digestUri)}: ${orphan.reason}`,
      buttons: [removeButton],
      orphan,
    }));
    pick.title = vscode.l10n.t('Orphaned Annotations');
    pick.placeholder = vscode.l10n.t('Pick one to find its paper, then select its new words and run Re-attach Annotation');
    pick.matchOnDescription = true;
    pick.matchOnDetail = true;
    pick.items = items(orphans);
    const done = new Promise<void>((resolve) => {
      pick.onDidTriggerItemButton(async (e) => {
        const removed = await this.delete({ paperId: e.item.orphan.paperId, annotationId: e.item.orphan.annotation.id, confirm: true });
        if (removed) pick.items = pick.items.filter((item) => item.orphan.annotation.id !== e.item.orphan.annotation.id);
      });
      pick.onDidAccept(async () => {
        const chosen = pick.selectedItems[0]?.orphan;
        pick.hide();
        if (chosen) await this.startReattach(chosen);
      });
      pick.onDidHide(() => {
        pick.dispose();
        resolve();
      });
    });
    pick.show();
    await done;
  }

  /** Re-attaches an orphan (or the one given) to the selected words. */
  async reattach(arg?: unknown): Promise<boolean> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Select the words in a digest to re-attach the annotation to.'));
      return false;
    }
    const target = resolveRange(editor.document, this.controller.digestOf(editor.document), editor.selection);
    if (typeof target === 'string') {
      void vscode.window.showWarningMessage(target);
      return false;
    }
    let ref = this.refOf(arg);
    if (ref && ref.paperId !== target.paper.id) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The selected words are in another paper than the annotation.'));
      return false;
    }
    if (!ref && this.pendingReattach?.paperId === target.paper.id) ref = this.pendingReattach;
    if (!ref) {
      const orphans = this.controller.orphansIn(editor.document).filter((o) => o.paper.id === target.paper.id);
      const unique = [...new Map(orphans.map((o) => [o.annotation.id, o.annotation])).values()];
      if (unique.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('This paper has no orphaned annotations to re-attach.'));
        return false;
      }
      let chosen: Annotation | undefined = unique[0];
      if (unique.length > 1) {
        const picked = await vscode.window.showQuickPick(
          unique.map((a) => ({ label: `“${shorten(a.anchor.exact, 80)}”`, detail: shorten(a.body, 120), annotation: a })),
          { title: vscode.l10n.t('Re-attach Which Annotation?') },
        );
        chosen = picked?.annotation;
      }
      if (!chosen) return false;
      ref = { paperId: target.paper.id, annotationId: chosen.id };
    }
    const anchor = createAnchor(target.field, target.text, target.start, target.end);
    let found = false;
    await this.services.store.update(target.paper.id, target.paper.title, (note) => {
      const annotation = note.annotations.find((a) => a.id === ref.annotationId);
      if (!annotation) return;
      annotation.anchor = anchor;
      found = true;
    });
    if (found) this.pendingReattach = undefined;
    return found;
  }

  /** Opens the digest holding the paper (the active one first) and selects the annotated words. */
  async reveal(paperIdArg?: unknown, annotationIdArg?: unknown): Promise<boolean> {
    const paperId = paperIdOf(paperIdArg);
    const annotationId = typeof annotationIdArg === 'string' ? annotationIdArg
      : paperIdArg && typeof paperIdArg === 'object' && typeof (paperIdArg as { annotationId?: unknown }).annotationId === 'string'
        ? (paperIdArg as { annotationId: string }).annotationId : undefined;
    if (!paperId || !annotationId) return false;
    const doc = await this.digestHolding(paperId);
    if (!doc) {
      void vscode.window.showWarningMessage(vscode.l10n.t('No digest in this workspace holds this paper.'));
      return false;
    }
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    const placement = this.controller.placed(doc, paperId, annotationId);
    if (!placement) return false;
    if (placement.status === 'orphaned') {
      const line = placement.paper.source.titleLine;
      editor.selection = new vscode.Selection(line, 0, line, 0);
      editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      const list = vscode.l10n.t('Show Orphaned Annotations');
      void vscode.window.showWarningMessage(
        vscode.l10n.t('The words of this annotation are no longer in {0} ({1}).', baseName(doc.uri.toString()), placement.reason), list,
      ).then((answer) => {
        if (answer === list) void this.showOrphans();
      });
      return false;
    }
    const range = toRange(placement.start, placement.end);
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    for (const thread of this.controller.threads(doc.uri)) {
      if (this.controller.ownerOf(thread)?.annotationId === annotationId && thread.range?.isEqual(range)) {
        thread.collapsibleState = vscode.CommentThreadCollapsibleState.Expanded;
      }
    }
    return true;
  }

  private async startReattach(orphan: OrphanEntry): Promise<void> {
    this.pendingReattach = { paperId: orphan.paperId, annotationId: orphan.annotation.id };
    try {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(orphan.digestUri));
      const editor = await vscode.window.showTextDocument(doc, { preview: false });
      const paper = this.controller.digestOf(doc)?.papers.find((p) => p.id === orphan.paperId);
      if (paper) {
        const start = new vscode.Position(paper.source.titleLine, 0);
        editor.selection = new vscode.Selection(start, start);
        editor.revealRange(new vscode.Range(start, start), vscode.TextEditorRevealType.AtTop);
      }
    } catch (error) {
      this.services.log.warn(`annotations: cannot open ${orphan.digestUri}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const reattach = vscode.l10n.t('Re-attach to Selection');
    const answer = await vscode.window.showInformationMessage(
      vscode.l10n.t('Select the words {0} now belongs to, then choose Re-attach (or run "Re-attach Annotation to Selection").', `“${shorten(orphan.annotation.anchor.exact, 60)}”`),
      reattach,
    );
    if (answer === reattach) await this.reattach({ paperId: orphan.paperId, annotationId: orphan.annotation.id });
  }

  private async digestHolding(paperId: string): Promise<vscode.TextDocument | undefined> {
    const holds = (doc: vscode.TextDocument) => this.controller.digestOf(doc)?.papers.some((p) => p.id === paperId) ?? false;
    const active = vscode.window.activeTextEditor?.document;
    if (active && holds(active)) return active;
    for (const editor of vscode.window.visibleTextEditors) if (holds(editor.document)) return editor.document;
    for (const paper of this.services.index.paper(paperId)?.occurrences ?? []) {
      try {
        const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(paper.source.uri));
        if (holds(doc)) return doc;
      } catch {
        // A digest deleted since it was indexed: try the next one.
      }
    }
    return undefined;
  }

  private async change(ref: AnnotationRef, edit: (annotation: Annotation) => void): Promise<void> {
    const note = this.services.store.get(ref.paperId);
    await this.services.store.update(ref.paperId, note?.title ?? '', (n) => {
      const annotation = n.annotations.find((a) => a.id === ref.annotationId);
      if (annotation) edit(annotation);
    });
  }

  private async save(target: Target, annotation: Annotation): Promise<void> {
    await this.services.store.update(target.paper.id, target.paper.title, (note) => {
      note.annotations.push(annotation);
    });
    const problem = this.services.store.problem(target.paper.id);
    if (problem) void vscode.window.showErrorMessage(vscode.l10n.t('The annotation could not be saved: {0}', problem));
  }

  private refOf(arg: unknown): AnnotationRef | undefined {
    if (arg instanceof AnnotationComment) return arg.ref;
    if (isThread(arg)) return this.controller.ownerOf(arg);
    if (arg && typeof arg === 'object') {
      const { paperId, annotationId, reply } = arg as { paperId?: unknown; annotationId?: unknown; reply?: unknown };
      if (typeof paperId === 'string' && typeof annotationId === 'string') {
        return typeof reply === 'number' ? { paperId, annotationId, reply } : { paperId, annotationId };
      }
    }
    return undefined;
  }
}

function readAddOptions(arg: unknown): AddOptions {
  if (typeof arg === 'string') return { paperId: arg };
  if (!arg || typeof arg !== 'object' || arg instanceof vscode.Uri) return {};
  const { body, tag, paperId, id } = arg as { body?: unknown; tag?: unknown; paperId?: unknown; id?: unknown };
  const options: AddOptions = {};
  if (typeof body === 'string') options.body = body;
  if (typeof tag === 'string' && tag.trim() !== '') options.tag = tag;
  if (typeof paperId === 'string') options.paperId = paperId;
  else if (typeof id === 'string') options.paperId = id;
  return options;
}

function paletteColour(name: string): Colour | undefined {
  const lower = name.trim().toLowerCase();
  return PALETTE.find((c) => c === lower);
}

function newAnnotation(target: Target, body: string, tag: Colour | undefined): Annotation {
  const annotation: Annotation = {
    id: newId(),
    anchor: createAnchor(target.field, target.text, target.start, target.end),
    body,
    created: new Date().toISOString(),
  };
  if (tag) annotation.tag = tag;
  return annotation;
}

function newId(): string {
  const bytes = new Uint8Array(6);
  globalThis.crypto.getRandomValues(bytes);
  return `a-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

function isThread(arg: unknown): arg is vscode.CommentThread {
  return !!arg && typeof arg === 'object' && 'uri' in arg && 'comments' in arg && 'collapsibleState' in arg;
}

/** Called from code with `{ paperId, annotationId }` (not a menu): no confirmation unless `confirm` is set. */
function isApiCall(arg: unknown): boolean {
  return !!arg && typeof arg === 'object' && !(arg instanceof AnnotationComment) && !isThread(arg) && (arg as { confirm?: unknown }).confirm !== true;
}

function baseName(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}


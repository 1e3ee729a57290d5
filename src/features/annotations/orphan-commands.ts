import * as vscode from 'vscode';
import { createAnchor, type Annotation } from '../../core';
import type { Services } from '../../services';
import { registerCommand } from '../../shared/commands';
import { deleteAnnotation } from './annotation-edits';
import type { AnnotationRef } from './command-args';
import { shorten } from './comments';
import type { DocumentViews } from './document-views';
import { orphansOf, type OrphanEntry } from './orphan-list';
import { showRefusal } from './refusals';
import { resolveAnnotationArg } from './resolve-annotation-arg';
import { resolveRange } from './selection';
import type { ThreadSync } from './thread-sync';

interface Parts {
  views: DocumentViews;
  threads: ThreadSync;
  /** Every orphan of the workspace, as listOrphans finds them. */
  orphans: () => OrphanEntry[];
}

/** Annotations that lost their words: the list of them, and re-attaching one to newly selected words. */
export function registerOrphanCommands(services: Services, parts: Parts): vscode.Disposable[] {
  const { views, threads, orphans } = parts;
  /** The orphan picked in the list, re-attached by the next Re-attach in its paper. */
  let pendingReattach: AnnotationRef | undefined;

  const showOrphans = async (): Promise<void> => {
    const list = orphans();
    if (list.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Every annotation is attached to its words.'));
      return;
    }
    const removeButton = { iconPath: new vscode.ThemeIcon('trash'), tooltip: vscode.l10n.t('Delete Annotation') };
    type Item = vscode.QuickPickItem & { orphan: OrphanEntry };
    const pick = vscode.window.createQuickPick<Item>();
    const items = (entries: OrphanEntry[]): Item[] => entries.map((orphan) => ({
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
    pick.items = items(list);
    const done = new Promise<void>((resolve) => {
      pick.onDidTriggerItemButton(async (e) => {
        const removed = await deleteAnnotation(services, { paperId: e.item.orphan.paperId, annotationId: e.item.orphan.annotation.id }, true);
        if (removed) pick.items = pick.items.filter((item) => item.orphan.annotation.id !== e.item.orphan.annotation.id);
      });
      pick.onDidAccept(async () => {
        const chosen = pick.selectedItems[0]?.orphan;
        pick.hide();
        if (chosen) await startReattach(chosen);
      });
      pick.onDidHide(() => {
        pick.dispose();
        resolve();
      });
    });
    pick.show();
    await done;
  };

  /** Re-attaches an orphan (or the one given) to the selected words. */
  const reattach = async (arg?: unknown): Promise<boolean> => {
    // From the editor's context menu the argument is the document: no annotation named.
    const given = arg instanceof vscode.Uri ? undefined : arg;
    const named = given === undefined ? undefined : resolveAnnotationArg(given, threads);
    if (named && !named.ok) {
      showRefusal(named.refusal);
      return false;
    }
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Select the words in a digest to re-attach the annotation to.'));
      return false;
    }
    const target = resolveRange(editor.document, views.digestOf(editor.document), editor.selection);
    if (typeof target === 'string') {
      void vscode.window.showWarningMessage(target);
      return false;
    }
    let ref = named?.value.ref;
    if (ref && ref.paperId !== target.paper.id) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The selected words are in another paper than the annotation.'));
      return false;
    }
    if (!ref && pendingReattach?.paperId === target.paper.id) ref = pendingReattach;
    if (!ref) {
      const inPaper = orphansOf(views.current(editor.document)?.placements ?? []).filter((o) => o.paper.id === target.paper.id);
      const unique = [...new Map(inPaper.map((o) => [o.annotation.id, o.annotation])).values()];
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
    const annotationId = ref.annotationId;
    const anchor = createAnchor(target.field, target.text, target.start, target.end);
    let found = false;
    await services.store.update(target.paper.id, target.paper.title, (note) => {
      const annotation = note.annotations.find((a) => a.id === annotationId);
      if (!annotation) return;
      annotation.anchor = anchor;
      found = true;
    });
    if (found) pendingReattach = undefined;
    return found;
  };

  /** Shows the orphan's paper in its digest and offers to re-attach it to the words selected next. */
  const startReattach = async (orphan: OrphanEntry): Promise<void> => {
    pendingReattach = { paperId: orphan.paperId, annotationId: orphan.annotation.id };
    try {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(orphan.digestUri));
      const editor = await vscode.window.showTextDocument(doc, { preview: false });
      const paper = views.digestOf(doc)?.papers.find((p) => p.id === orphan.paperId);
      if (paper) {
        const start = new vscode.Position(paper.source.titleLine, 0);
        editor.selection = new vscode.Selection(start, start);
        editor.revealRange(new vscode.Range(start, start), vscode.TextEditorRevealType.AtTop);
      }
    } catch (error) {
      services.log.warn(`annotations: cannot open ${orphan.digestUri}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const again = vscode.l10n.t('Re-attach to Selection');
    const answer = await vscode.window.showInformationMessage(
      vscode.l10n.t('Select the words {0} now belongs to, then choose Re-attach (or run "Re-attach Annotation to Selection").', `“${shorten(orphan.annotation.anchor.exact, 60)}”`),
      again,
    );
    if (answer === again) await reattach({ paperId: orphan.paperId, annotationId: orphan.annotation.id });
  };

  return [
    registerCommand(services, 'paperReader.annotation.showOrphans', showOrphans),
    registerCommand(services, 'paperReader.annotation.reattach', reattach),
  ];
}

function baseName(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}

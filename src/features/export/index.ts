import * as vscode from 'vscode';
import { bibtexEntry, exportBibtex, exportCslJson, exportMarkdown, type ExportItem } from '../../core';
import { cleanTag, isReadingStatus } from '../../core';
import type { IndexedPaper, Services } from '../../services';
import { choosePapers, matchesQuery, type PaperSet } from './choose-papers';
import { registerCommands } from '../../shared/commands';
import { resolvePaper } from '../../shared/paper-arg';

type Format = 'markdown' | 'csl' | 'bibtex';

const EXTENSION: Record<Format, string> = { markdown: 'md', csl: 'json', bibtex: 'bib' };

/**
 * A set named in a command argument, so the commands can be run from keybindings and tests:
 * `{ starred: true }`, `{ tag }`, `{ status }`, `{ query }` or `{ all: true }`.
 */
function setFromArg(services: Services, arg: unknown): PaperSet | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const a = arg as Record<string, unknown>;
  const papers = services.index.papers();
  const note = (p: IndexedPaper) => services.store.get(p.id);
  if (a.all === true) return { label: vscode.l10n.t('All papers'), papers };
  if (a.starred === true) return { label: vscode.l10n.t('Starred papers'), papers: papers.filter((p) => note(p)?.starred) };
  const tag = cleanTag(a.tag);
  if (tag) return { label: vscode.l10n.t('Papers tagged {0}', tag), papers: papers.filter((p) => note(p)?.tags.includes(tag)) };
  if (isReadingStatus(a.status)) return { label: vscode.l10n.t('Papers marked {0}', a.status), papers: papers.filter((p) => (note(p)?.status ?? 'unread') === a.status) };
  if (typeof a.query === 'string' && a.query.trim()) {
    const query = a.query.trim();
    return { label: vscode.l10n.t('Papers matching "{0}"', query), papers: papers.filter((p) => matchesQuery(p, note(p)?.tags ?? [], query)) };
  }
  return undefined;
}

/** A paper with what the reader wrote and the digests that date it. */
function exportItem(services: Services, p: IndexedPaper): ExportItem {
  return {
    paper: p.paper,
    note: services.store.get(p.id),
    // The file name too: a dated file name gives the year a digest's "Nov 6" lacks.
    digests: p.occurrences.flatMap((o) => {
      const digest = services.index.digest(o.source.uri);
      return digest ? [digest.digest.digestDate, digest.name].filter((d): d is string => !!d) : [];
    }),
  };
}

const TITLES: Record<Format, string> = {
  markdown: vscode.l10n.t('Export notes as Markdown'),
  csl: vscode.l10n.t('Export as CSL JSON'),
  bibtex: vscode.l10n.t('Export as BibTeX'),
};
const FILTERS: Record<Format, Record<string, string[]>> = { markdown: { Markdown: ['md'] }, csl: { 'CSL JSON': ['json'] }, bibtex: { BibTeX: ['bib'] } };

/** "Copy BibTeX": the entry of one paper on the clipboard, also returned for callers of the command. */
async function copyBibtex(services: Services, arg: unknown): Promise<string | undefined> {
  const id = await resolvePaper(services, arg, vscode.l10n.t('Copy the BibTeX entry of which paper?'));
  const paper = id ? services.index.paper(id) : undefined;
  if (!paper) return undefined;
  const entry = bibtexEntry(exportItem(services, paper));
  await vscode.env.clipboard.writeText(entry);
  void vscode.window.setStatusBarMessage(vscode.l10n.t('Copied the BibTeX entry of "{0}".', paper.paper.title), 4000);
  return entry;
}

function fileName(label: string, format: Format): string {
  const slug = label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'papers';
  return `${slug}.${EXTENSION[format]}`;
}

async function runExport(services: Services, format: Format, setArg: unknown, targetArg: unknown): Promise<vscode.Uri | undefined> {
  await Promise.all([services.index.ready(), services.store.ready()]);
  const set = setFromArg(services, setArg) ?? (await choosePapers(services));
  if (!set) return undefined;
  if (set.papers.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No papers to export: {0}.', set.label));
    return undefined;
  }
  const items = set.papers.map((p) => exportItem(services, p));
  const text = format === 'csl' ? `${JSON.stringify(exportCslJson(items), null, 2)}\n`
    : format === 'bibtex' ? exportBibtex(items)
      : exportMarkdown(items, { title: set.label });
  let target = targetArg instanceof vscode.Uri ? targetArg : undefined;
  if (!target) {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    target = await vscode.window.showSaveDialog({
      title: TITLES[format],
      defaultUri: folder ? vscode.Uri.joinPath(folder, fileName(set.label, format)) : undefined,
      filters: FILTERS[format],
      saveLabel: vscode.l10n.t('Export'),
    });
    if (!target) return undefined;
  }
  try {
    await services.files.writeText(target, text);
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not write {0}: {1}', target.fsPath || target.toString(), error instanceof Error ? error.message : String(error)));
    return undefined;
  }
  const open = vscode.l10n.t('Open');
  void vscode.window.showInformationMessage(vscode.l10n.t('Exported {0} papers to {1}.', String(set.papers.length), vscode.workspace.asRelativePath(target)), open).then((choice) => {
    if (choice === open) void vscode.window.showTextDocument(target);
  });
  return target;
}

/** Export of a chosen set of papers, with what the reader wrote, as Markdown, CSL JSON or BibTeX; one paper's BibTeX to the clipboard. */
export function activate(services: Services): void {
  registerCommands(services, {
    'paperReader.export.markdown': (setArg?: unknown, targetArg?: unknown) => runExport(services, 'markdown', setArg, targetArg),
    'paperReader.export.cslJson': (setArg?: unknown, targetArg?: unknown) => runExport(services, 'csl', setArg, targetArg),
    'paperReader.export.bibtex': (setArg?: unknown, targetArg?: unknown) => runExport(services, 'bibtex', setArg, targetArg),
    'paperReader.paper.copyBibtex': (arg?: unknown) => copyBibtex(services, arg),
  });
}

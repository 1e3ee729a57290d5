import * as vscode from 'vscode';
import { extractLinks, markdownLines, markdownText, type Digest, type PaperNote } from '../../core';
import type { Services } from '../../services';
import { statusIcon } from '../../shared/papers';
import { paperDescription } from '../../shared/papers';
import { blockRange, titleRange } from './ranges';
import { LEGEND, semanticTokensProvider } from './semantic-tokens';

/** Plain-text digests get their own language; Markdown digests keep Markdown and get the same providers. */
const SELECTOR: vscode.DocumentSelector = [{ language: 'paper-digest' }, { language: 'markdown' }];
const URL_TOKEN = /https?:\/\/[^\s<>"'`]+/g;
/**
 * Diagnostics follow an edit once typing pauses: asking for the digest of each version
 * reads the whole text (a megabyte in a large digest) on every keystroke.
 */
const DIAGNOSTICS_DELAY_MS = 300;

export function activate(services: Services): void {
  const { context, store } = services;
  // The one parse of each open document per version, shared with the annotations.
  const docs = services.documents;
  const diagnostics = vscode.languages.createDiagnosticCollection('paper-digest');
  const lensesChanged = new vscode.EventEmitter<void>();

  const recognise = (doc: vscode.TextDocument) => {
    if (doc.languageId === 'plaintext' && docs.get(doc)) {
      void vscode.languages.setTextDocumentLanguage(doc, 'paper-digest');
      return;
    }
    publishDiagnostics(doc);
  };
  const publishDiagnostics = (doc: vscode.TextDocument) => {
    const digest = doc.languageId === 'paper-digest' || doc.languageId === 'markdown' ? docs.get(doc) : undefined;
    if (!digest) {
      diagnostics.delete(doc.uri);
      return;
    }
    diagnostics.set(doc.uri, digest.diagnostics.map((d) => {
      const line = doc.lineAt(Math.min(Math.max(d.line, 0), doc.lineCount - 1));
      const diagnostic = new vscode.Diagnostic(line.range, d.message, SEVERITY[d.severity]);
      diagnostic.source = 'Paper Digest';
      return diagnostic;
    }));
  };

  const waiting = new Map<string, ReturnType<typeof setTimeout>>();
  const publishSoon = (doc: vscode.TextDocument) => {
    const key = doc.uri.toString();
    clearTimeout(waiting.get(key));
    waiting.set(key, setTimeout(() => {
      waiting.delete(key);
      if (!doc.isClosed) publishDiagnostics(doc);
    }, DIAGNOSTICS_DELAY_MS));
  };

  context.subscriptions.push(
    diagnostics,
    lensesChanged,
    { dispose: () => waiting.forEach((timer) => clearTimeout(timer)) },
    vscode.workspace.onDidOpenTextDocument(recognise),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length > 0) publishSoon(e.document);
    }),
    // A large Markdown digest is parsed in slices: its diagnostics and lenses follow once it is in.
    docs.onDidParse((doc) => {
      publishDiagnostics(doc);
      lensesChanged.fire();
    }),
    vscode.workspace.onDidCloseTextDocument((doc) => diagnostics.delete(doc.uri)),
    store.onDidChange(() => lensesChanged.fire()),
    vscode.languages.registerDocumentSymbolProvider(SELECTOR, {
      async provideDocumentSymbols(doc) {
        const digest = await docs.parsed(doc);
        if (!digest) return [];
        return digest.papers.map((paper) => new vscode.DocumentSymbol(
          paper.title,
          paperDescription(paper),
          vscode.SymbolKind.Class,
          blockRange(doc, paper),
          titleRange(doc, paper),
        ));
      },
    }, { label: vscode.l10n.t('Papers') }),
    vscode.languages.registerDocumentSemanticTokensProvider({ language: 'paper-digest' }, semanticTokensProvider(docs), LEGEND),
    vscode.languages.registerFoldingRangeProvider(SELECTOR, {
      async provideFoldingRanges(doc) {
        const digest = await docs.parsed(doc);
        if (!digest) return [];
        return digest.papers
          .filter((p) => p.source.endLine > p.source.startLine)
          .map((p) => new vscode.FoldingRange(p.source.startLine, p.source.endLine, vscode.FoldingRangeKind.Region));
      },
    }),
    vscode.languages.registerCodeLensProvider(SELECTOR, {
      onDidChangeCodeLenses: lensesChanged.event,
      // A large digest has thousands of lenses, asked for again after every edit: they are
      // placed here and given their titles and commands only when VS Code shows them.
      async provideCodeLenses(doc) {
        if (!vscode.workspace.getConfiguration('paperReader').get<boolean>('codeLens', true)) return [];
        const digest = await docs.parsed(doc);
        if (!digest) return [];
        return digest.papers.flatMap((paper) => {
          const range = titleRange(doc, paper);
          // Another digest may know the arXiv id this one lacks: ask the index.
          const kinds = services.index.paper(paper.id)?.paper.arxivId ?? paper.arxivId ? LENSES_WITH_ARXIV : LENSES;
          return kinds.map((kind) => new PaperLens(range, paper.id, kind));
        });
      },
      resolveCodeLens(lens) {
        if (lens instanceof PaperLens) lens.command = lensCommand(lens, store.get(lens.paperId));
        return lens;
      },
    }),
    vscode.languages.registerHoverProvider(SELECTOR, {
      async provideHover(doc, position) {
        const digest = await docs.parsed(doc);
        const paper = digest?.papers.find((p) => p.source.titleLine === position.line);
        if (!paper) return undefined;
        return new vscode.Hover(hoverCard(services, paper.id, paper), titleRange(doc, paper));
      },
    }),
    vscode.languages.registerDocumentLinkProvider(SELECTOR, {
      provideDocumentLinks(doc) {
        if (doc.languageId !== 'paper-digest') return [];
        const links: vscode.DocumentLink[] = [];
        for (let line = 0; line < doc.lineCount; line++) {
          const text = doc.lineAt(line).text;
          if (!text.includes('http')) continue;
          for (const match of text.matchAll(URL_TOKEN)) {
            const url = extractLinks(match[0])[0];
            if (!url) continue;
            const start = match.index ?? 0;
            links.push(new vscode.DocumentLink(new vscode.Range(line, start, line, start + url.length), vscode.Uri.parse(url)));
          }
        }
        return links;
      },
    }),
  );
  for (const doc of vscode.workspace.textDocuments) recognise(doc);
}

type LensKind = 'status' | 'star' | 'notes' | 'annotate' | 'card' | 'arxiv' | 'pdf' | 'bibtex';
const LENSES: readonly LensKind[] = ['status', 'star', 'notes', 'annotate', 'card', 'bibtex'];
const LENSES_WITH_ARXIV: readonly LensKind[] = ['status', 'star', 'notes', 'annotate', 'card', 'arxiv', 'pdf', 'bibtex'];

class PaperLens extends vscode.CodeLens {
  constructor(range: vscode.Range, readonly paperId: string, readonly kind: LensKind) {
    super(range);
  }
}

/** The lens's title and command from the paper's notes as they are when it is shown. */
function lensCommand({ paperId, kind }: PaperLens, note: PaperNote | undefined): vscode.Command {
  const args = [paperId];
  switch (kind) {
    case 'status': {
      const status = note?.status ?? 'unread';
      return { title: `$(${statusIcon[status]}) ${statusTitle(status)}`, command: 'paperReader.status.set', arguments: args, tooltip: vscode.l10n.t('Set reading status') };
    }
    case 'star':
      return { title: note?.starred ? `$(star-full) ${vscode.l10n.t('Starred')}` : `$(star-empty) ${vscode.l10n.t('Star')}`, command: 'paperReader.star.toggle', arguments: args, tooltip: vscode.l10n.t('Toggle star') };
    case 'notes': {
      const noteLines = note?.body.trim() ? note.body.trim().split('\n').length : 0;
      return { title: noteLines ? `$(note) ${vscode.l10n.t('Notes ({0} lines)', noteLines)}` : `$(note) ${vscode.l10n.t('Add note')}`, command: 'paperReader.notes.edit', arguments: args };
    }
    case 'annotate': {
      const annotations = note?.annotations.length ?? 0;
      return annotations
        ? { title: `$(comment) ${annotations}`, command: 'paperReader.annotation.add', arguments: args, tooltip: vscode.l10n.t('{0} annotations; click to annotate the selection (or the title)', annotations) }
        : { title: `$(comment) ${vscode.l10n.t('Annotate')}`, command: 'paperReader.annotation.add', arguments: args, tooltip: vscode.l10n.t('Annotate the selection (or the title)') };
    }
    case 'card':
      return { title: vscode.l10n.t('Open card'), command: 'paperReader.card.open', arguments: args };
    case 'arxiv':
      return { title: `$(link-external) ${vscode.l10n.t('arXiv')}`, command: 'paperReader.paper.openArxiv', arguments: args, tooltip: vscode.l10n.t('Open on arXiv') };
    case 'pdf':
      return { title: `$(file-pdf) ${vscode.l10n.t('PDF')}`, command: 'paperReader.paper.openPdf', arguments: args, tooltip: vscode.l10n.t('Open the PDF') };
    case 'bibtex':
      return { title: `$(quote) ${vscode.l10n.t('BibTeX')}`, command: 'paperReader.paper.copyBibtex', arguments: args, tooltip: vscode.l10n.t('Copy the BibTeX entry') };
  }
}

const SEVERITY = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
} as const;

function statusTitle(status: 'unread' | 'reading' | 'read'): string {
  return { unread: vscode.l10n.t('Unread'), reading: vscode.l10n.t('Reading'), read: vscode.l10n.t('Read') }[status];
}

function hoverCard(services: Services, id: string, paper: Digest['papers'][number]): vscode.MarkdownString {
  const note = services.store.get(id);
  const entry = services.index.paper(id);
  const md = new vscode.MarkdownString(undefined, true);
  // Only these commands run from the hover; every digest or note string goes in as text.
  md.isTrusted = { enabledCommands: ['paperReader.card.open', 'paperReader.paper.openArxiv', 'paperReader.paper.openPdf', 'paperReader.paper.copyBibtex'] };
  // Every digest or note string goes in as text (markdownText): no link, HTML or emphasis of its own.
  md.appendMarkdown(`**${markdownText(paper.title)}**\n\n`);
  const meta = [paperDescription(paper), paper.org].filter(Boolean).join(' · ');
  if (meta) md.appendMarkdown(`${markdownText(meta)}\n\n`);
  const state = [`$(${statusIcon[note?.status ?? 'unread']}) ${note?.status ?? 'unread'}`];
  if (note?.starred) state.push('$(star-full) starred');
  md.appendMarkdown(state.join(' · '));
  if (note?.tags.length) md.appendMarkdown(` · ${markdownText(note.tags.map((t) => `#${t}`).join(' '))}`);
  if (entry && entry.occurrences.length > 1) md.appendMarkdown(` · ${markdownText(`in ${entry.occurrences.length} digests`)}`);
  md.appendMarkdown('\n\n');
  if (note?.body.trim()) {
    const body = note.body.trim();
    // The notes keep their line breaks: a list or a few lines of thoughts read as written.
    md.appendMarkdown(`---\n\n${markdownLines(body.length > 400 ? `${body.slice(0, 400)}…` : body)}\n\n`);
  }
  const args = encodeURIComponent(JSON.stringify([id]));
  md.appendMarkdown(`[$(preview) ${vscode.l10n.t('Open card')}](command:paperReader.card.open?${args})`);
  if (entry?.paper.arxivId ?? paper.arxivId) {
    md.appendMarkdown(` · [$(link-external) ${vscode.l10n.t('Open on arXiv')}](command:paperReader.paper.openArxiv?${args})`);
    md.appendMarkdown(` · [$(file-pdf) ${vscode.l10n.t('Open PDF')}](command:paperReader.paper.openPdf?${args})`);
  }
  md.appendMarkdown(` · [$(quote) ${vscode.l10n.t('Copy BibTeX')}](command:paperReader.paper.copyBibtex?${args})`);
  return md;
}

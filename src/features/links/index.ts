import * as vscode from 'vscode';
import { paperLinks, type PaperLinks } from '../../core';
import type { Services } from '../../services';
import { registerCommands } from '../../shared/commands';
import { resolvePaper, titleOf } from '../../shared/paper-arg';

type Target = Exclude<keyof PaperLinks, 'search'>;

const NAMES: Record<Target, string> = {
  huggingFace: vscode.l10n.t('Hugging Face page'),
  arxiv: vscode.l10n.t('arXiv abstract'),
  pdf: vscode.l10n.t('PDF'),
  code: vscode.l10n.t('code'),
  projectPage: vscode.l10n.t('project page'),
};

/**
 * Opens a paper's page, PDF, code or project page in the browser. A paper the digests give
 * no arXiv id is offered the Hugging Face search for its title instead. Returns the address.
 */
async function open(services: Services, target: Target | 'search', arg: unknown): Promise<string | undefined> {
  const id = await resolvePaper(services, arg, vscode.l10n.t('Open which paper?'));
  const paper = id ? services.index.paper(id)?.paper : undefined;
  if (!id || !paper) return undefined;
  const links = paperLinks(paper);
  const url = links[target];
  if (!url) {
    const find = vscode.l10n.t('Find on Hugging Face');
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t('The digests give no {0} for "{1}".', NAMES[target as Target], titleOf(services, id)),
      ...(target === 'code' || target === 'projectPage' ? [] : [find]),
    );
    if (choice !== find) return undefined;
    await vscode.env.openExternal(vscode.Uri.parse(links.search, true));
    return links.search;
  }
  await vscode.env.openExternal(vscode.Uri.parse(url, true));
  return url;
}

/** A paper's links out: Hugging Face, arXiv, PDF, code and project page. */
export function activate(services: Services): void {
  registerCommands(services, {
    'paperReader.paper.openHuggingFace': (arg?: unknown) => open(services, 'huggingFace', arg),
    'paperReader.paper.openArxiv': (arg?: unknown) => open(services, 'arxiv', arg),
    'paperReader.paper.openPdf': (arg?: unknown) => open(services, 'pdf', arg),
    'paperReader.paper.openCode': (arg?: unknown) => open(services, 'code', arg),
    'paperReader.paper.openProjectPage': (arg?: unknown) => open(services, 'projectPage', arg),
    'paperReader.paper.findOnHuggingFace': (arg?: unknown) => open(services, 'search', arg),
  });
}

import * as vscode from 'vscode';
import { dailyPapersUrl, hfEntriesFields, mergeFetchedDigest, parseHfApiResponse, renderFetchedDigest } from '../../core';
import { readText, type AtomicFiles } from '../../shared/files';
import { describeFailure, requestDay } from './request-day';

/** What fetching one day did, for the message, the tests and the next step. */
export interface FetchOutcome {
  day: string;
  status: 'written' | 'updated' | 'up-to-date' | 'empty' | 'failed' | 'cancelled';
  /** The digest file, when there is one. */
  uri?: vscode.Uri;
  message: string;
}

export interface FetchSettings {
  endpoint: string;
  folder: string;
  format: 'markdown' | 'json';
  timeoutSeconds: number;
}

export function fetchSettings(scope: vscode.WorkspaceFolder): FetchSettings {
  const config = vscode.workspace.getConfiguration('paperReader.fetch', scope);
  const format = config.get<string>('format', 'markdown') === 'json' ? 'json' : 'markdown';
  const timeout = config.get<number>('timeoutSeconds', 15);
  return {
    endpoint: config.get<string>('endpoint', 'https://huggingface.co/api/daily_papers'),
    folder: config.get<string>('folder', 'digests'),
    format,
    timeoutSeconds: typeof timeout === 'number' && timeout > 0 && timeout <= 600 ? timeout : 15,
  };
}

/**
 * The folder the digests go into, inside the workspace folder: a setting that climbs out of
 * it (`..`), is absolute or names a drive is refused.
 */
export function digestFolder(root: vscode.Uri, folder: string): vscode.Uri | undefined {
  const parts = folder.replace(/\\/g, '/').split('/').filter((p) => p !== '' && p !== '.');
  if (folder.startsWith('/') || /^[a-zA-Z]:/.test(folder) || parts.some((p) => p === '..' || p.includes('\0'))) return undefined;
  return parts.length ? vscode.Uri.joinPath(root, ...parts) : root;
}

/**
 * Fetches one day into `<folder>/YYYY-MM-DD.md` (or `.json`). Nothing is written unless the
 * whole answer is a Daily Papers list with papers; the file is replaced in one step.
 */
export async function fetchDay(day: string, root: vscode.WorkspaceFolder, files: AtomicFiles, token: vscode.CancellationToken): Promise<FetchOutcome> {
  const settings = fetchSettings(root);
  const failed = (message: string, status: FetchOutcome['status'] = 'failed'): FetchOutcome => ({ day, status, message });
  const url = dailyPapersUrl(settings.endpoint, day);
  if (!url) return failed(describeFailure(day, { kind: 'endpoint', endpoint: settings.endpoint }));
  const folder = digestFolder(root.uri, settings.folder);
  if (!folder) return failed(vscode.l10n.t('Could not fetch the Daily Papers of {0}: the folder "{1}" (setting paperReader.fetch.folder) is not inside the workspace folder.', day, settings.folder));

  const response = await requestDay(url, settings.timeoutSeconds, token);
  if (!response.ok) return failed(describeFailure(day, response.failure), response.failure.kind === 'cancelled' ? 'cancelled' : 'failed');
  const parsed = parseHfApiResponse(response.text);
  if ('error' in parsed) return failed(describeFailure(day, { kind: 'body', detail: parsed.error }));
  if (parsed.entries.length === 0) return failed(vscode.l10n.t('There are no Daily Papers for {0} (the list is empty on weekends and holidays); nothing was written.', day), 'empty');
  if (token.isCancellationRequested) return failed(describeFailure(day, { kind: 'cancelled' }), 'cancelled');

  const uri = vscode.Uri.joinPath(folder, `${day}.${settings.format === 'json' ? 'json' : 'md'}`);
  const existing = await readText(uri);
  const count = parsed.entries.length;
  if (settings.format === 'json') {
    if (existing === response.text) return { day, status: 'up-to-date', uri, message: vscode.l10n.t('The Daily Papers of {0} are up to date.', day) };
    await files.writeText(uri, response.text);
    return { day, status: existing === undefined ? 'written' : 'updated', uri, message: vscode.l10n.t('Fetched {0} papers of {1}.', count, day) };
  }
  const papers = hfEntriesFields(parsed.entries, day);
  if (existing === undefined) {
    await files.writeText(uri, renderFetchedDigest(day, papers));
    return { day, status: 'written', uri, message: vscode.l10n.t('Fetched {0} papers of {1}.', count, day) };
  }
  const merged = mergeFetchedDigest(existing, papers, day);
  if (merged.status === 'up-to-date') return { day, status: 'up-to-date', uri, message: vscode.l10n.t('The Daily Papers of {0} are up to date.', day) };
  if (merged.status === 'unreadable') return { day, status: 'failed', uri, message: vscode.l10n.t('Could not update {0}: {1} It was left as it is.', vscode.workspace.asRelativePath(uri), merged.message) };
  await files.writeText(uri, merged.text);
  return { day, status: 'updated', uri, message: vscode.l10n.t('Updated the Daily Papers of {0}: {1} new papers, {2} upvote counts changed.', day, merged.added, merged.updated) };
}

import * as vscode from 'vscode';
import { dateProblem, isoDay, lastDays, parseIsoDay } from '../../core';
import type { Services } from '../../services';
import { registerCommands } from '../../shared/commands';
import { fetchDay, type FetchOutcome } from './fetch-day';

const LAST_STARTUP_FETCH = 'paperReader.fetch.lastStartupDay';

interface DayPick extends vscode.QuickPickItem {
  days?: string[];
  typed?: boolean;
}

/** Which days to fetch: a command argument (`{ date }` or `{ days }`), else the reader picks. */
async function chooseDays(arg: unknown): Promise<string[] | undefined> {
  if (typeof arg === 'object' && arg !== null) {
    const { date, days } = arg as { date?: unknown; days?: unknown };
    const given = typeof date === 'string' ? [date] : Array.isArray(days) ? days.filter((d): d is string => typeof d === 'string') : [];
    const valid = given.map((d) => parseIsoDay(d)).filter((d): d is string => d !== undefined && dateProblem(d, Date.now()) === undefined);
    if (given.length > 0 && valid.length === given.length) return valid;
    void vscode.window.showErrorMessage(vscode.l10n.t('Fetch Daily Papers: "{0}" is not a day to fetch (YYYY-MM-DD).', String(date ?? days).slice(0, 40)));
    return undefined;
  }
  const now = Date.now();
  const [today, yesterday] = lastDays(now, 2);
  const items: DayPick[] = [
    { label: vscode.l10n.t('Today'), description: today, days: [today] },
    { label: vscode.l10n.t('Yesterday'), description: yesterday, days: [yesterday] },
    { label: vscode.l10n.t('The last 7 days'), description: `${lastDays(now, 7).at(-1)} – ${today}`, days: lastDays(now, 7) },
    { label: vscode.l10n.t('A day…'), description: 'YYYY-MM-DD', typed: true },
  ];
  const picked = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Fetch the Hugging Face Daily Papers of which day?') });
  if (!picked) return undefined;
  if (!picked.typed) return picked.days;
  const typed = await vscode.window.showInputBox({
    prompt: vscode.l10n.t('The day to fetch, as YYYY-MM-DD'),
    placeHolder: isoDay(now),
    validateInput: (value) => dateProblem(value, Date.now()),
  });
  const day = typed === undefined ? undefined : parseIsoDay(typed);
  return day ? [day] : undefined;
}

async function chooseFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Write the digests into which folder?') });
}

/** Fetches the days with a progress notification that can be cancelled; one message sums up. */
async function fetchDays(services: Services, days: string[], root: vscode.WorkspaceFolder, quiet = false): Promise<FetchOutcome[]> {
  const outcomes = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Fetching the Daily Papers'), cancellable: true },
    async (progress, token) => {
      const done: FetchOutcome[] = [];
      for (const day of days) {
        if (token.isCancellationRequested) break;
        progress.report({ message: day, increment: 100 / days.length });
        const outcome = await fetchDay(day, root, services.files, token);
        done.push(outcome);
        if (outcome.uri && (outcome.status === 'written' || outcome.status === 'updated')) await services.index.refresh(outcome.uri);
      }
      return done;
    },
  );
  for (const outcome of outcomes) {
    if (outcome.status === 'failed') services.log.warn(outcome.message);
    else services.log.info(outcome.message);
  }
  report(outcomes, quiet);
  return outcomes;
}

function report(outcomes: FetchOutcome[], quiet: boolean): void {
  const failures = outcomes.filter((o) => o.status === 'failed');
  for (const failure of failures) void vscode.window.showErrorMessage(failure.message);
  const fetched = outcomes.filter((o) => o.status === 'written' || o.status === 'updated');
  if (quiet && fetched.length === 0) return;
  const others = outcomes.filter((o) => o.status !== 'failed');
  if (others.length === 0) return;
  const summary = others.length === 1 ? others[0].message : others.map((o) => `${o.day}: ${o.message}`).join(' ');
  const first = fetched[0]?.uri;
  const open = vscode.l10n.t('Open');
  void vscode.window.showInformationMessage(summary, ...(first ? [open] : [])).then((choice) => {
    if (choice === open && first) void vscode.window.showTextDocument(first);
  });
}

/** Today's digest once a day, when the setting asks for it and the workspace has digests. */
async function fetchOnStartup(services: Services): Promise<void> {
  const root = vscode.workspace.workspaceFolders?.[0];
  if (!root || !vscode.workspace.getConfiguration('paperReader.fetch', root).get<boolean>('onStartup', false)) return;
  await services.index.ready();
  const today = isoDay(Date.now());
  if (services.index.digests().length === 0 || services.context.workspaceState.get(LAST_STARTUP_FETCH) === today) return;
  await services.context.workspaceState.update(LAST_STARTUP_FETCH, today);
  await fetchDays(services, [today], root, true);
}

/** "Papers: Fetch Daily Papers…": the Hugging Face Daily Papers of a day, as a digest in the workspace. */
export function activate(services: Services): void {
  registerCommands(services, {
    'paperReader.fetch.daily': async (arg?: unknown) => {
      const days = await chooseDays(arg);
      if (!days) return undefined;
      const root = await chooseFolder();
      if (!root) {
        void vscode.window.showErrorMessage(vscode.l10n.t('Open a folder first: the fetched digests are written into it.'));
        return undefined;
      }
      return fetchDays(services, days, root);
    },
  });
  const startup = () => void fetchOnStartup(services).catch((error: unknown) => services.log.error('fetching on start-up failed:', error));
  startup();
  // Turning the setting on fetches today's list at once (still once a day).
  services.context.subscriptions.push(vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration('paperReader.fetch.onStartup')) startup();
  }));
}

// Shared helpers of the UI tests: each test drives real VS Code (code-server's web
// workbench with the packaged .vsix installed) in Debian's Chromium via playwright-core.
// scripts/test-vscode.mjs bundles every test/e2e/**/*.e2e.ts with this file and runs them
// with mocha's TDD interface:
//
//   import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
//   import { openWorkbench, type Workbench } from './harness';
//
//   suite('search', () => {
//     let workbench: Workbench;
//     suiteSetup(async () => { workbench = await openWorkbench({ settings: { 'workbench.colorTheme': 'Default Dark Modern' } }); });
//     suiteTeardown(() => workbench?.close());
//     test('finds a paper', async () => {
//       await workbench.runCommand('Papers: Search');
//       ...
//       await workbench.screenshot('search-results');
//     });
//   });
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type FrameLocator, type Locator, type Page } from 'playwright-core';
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  activationErrors,
  activationSeen,
  extensionLogs,
  installVsix,
  keepLocal,
  startCodeServer,
  tempDir,
  workbenchUrl,
  type CodeServer,
} from '../../scripts/code-server.mjs';
import { runMocha, type RunOptions, type TestFile, type TestResults } from '../integration/index';

export { runMocha };

/** The repository: set by scripts/test-vscode.mjs, else two levels above the bundle (out/e2e). */
export const REPO = process.env.PAPER_READER_REPO ?? resolve(__dirname, '..', '..');
export const FIXTURES = join(REPO, 'test', 'fixtures');
export const RESULTS_DIR = join(REPO, 'test-results');
export const PAPERS_VIEW = 'Papers';

/** How long a UI condition may take before a wait fails (workbench start, a tree filling). */
export const UI_TIMEOUT = 30_000;

export interface WorkbenchOptions {
  /** Copy test/fixtures (the three seed digests) into the workspace. Default true. */
  fixtures?: boolean;
  /** Extra workspace files: relative path -> content. Folders are created. */
  files?: Record<string, string | Uint8Array>;
  /** User settings over the quiet defaults, e.g. { 'workbench.colorTheme': 'Default Dark Modern' }. */
  settings?: Record<string, unknown>;
  /** Wait until the extension host has started activating the extension. Default true. */
  waitForActivation?: boolean;
  viewport?: { width: number; height: number };
  /** Turn Workspace Trust on, so the workspace opens in Restricted Mode. Default false. */
  restricted?: boolean;
  /** VS Code's display language, e.g. 'zh-cn' (see setDisplayLanguage). Default English. */
  language?: string;
}

/**
 * Makes `language` the display language of the workbench using `userDataDir`. code-server
 * takes the locale from User/argv.json, but the workbench (and so vscode.env.language in the
 * extension host) stays English unless languagepacks.json names a language pack for it, as
 * VS Code records one when a pack is installed. No pack can be downloaded here, so the record
 * points at an empty translation of VS Code's own words: the workbench keeps English menus, and
 * everything the extension shows comes from its own package.nls.<language>.json and
 * l10n/bundle.l10n.<language>.json.
 */
export function setDisplayLanguage(userDataDir: string, language: string): void {
  const pack = join(userDataDir, 'test-language-pack', 'main.i18n.json');
  writeFiles(userDataDir, {
    'User/argv.json': `${JSON.stringify({ locale: language })}\n`,
    'test-language-pack/main.i18n.json': `${JSON.stringify({ version: '1.0.0', contents: {} })}\n`,
    'languagepacks.json': JSON.stringify({
      [language]: {
        hash: `test-${language}`,
        extensions: [{ extensionIdentifier: { id: `paper-digest-reader-tests.language-pack-${language}` }, version: '0.0.1' }],
        translations: { vscode: pack },
        label: language,
      },
    }),
  });
}

/** Console errors the workbench itself logs on these machines; none comes from the extension. */
const WORKBENCH_NOISE = [
  /^Failed to load resource: the server responded with a status of 404/,
  /Failed to load resource: net::ERR_/,
  /open-vsx\.org|gallery|marketplace/i,
  /ENOTFOUND|ERR_NAME_NOT_RESOLVED|ERR_INTERNET_DISCONNECTED/,
];

let browser: Promise<Browser> | undefined;
const open = new Set<Workbench>();
const userDataDirs: string[] = [];
let sharedExtensionsDir: string | undefined;

function launchBrowser(): Promise<Browser> {
  browser ??= chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  return browser;
}

function runRoot(): string {
  const base = process.env.PAPER_READER_E2E_ROOT;
  if (base) {
    mkdirSync(base, { recursive: true });
    return base;
  }
  return tempDir('e2e');
}

/** The extensions dir holding the packaged extension (installed once per run). */
function extensionsDir(): string {
  if (process.env.PAPER_READER_E2E_EXTENSIONS) return process.env.PAPER_READER_E2E_EXTENSIONS;
  if (!sharedExtensionsDir) {
    sharedExtensionsDir = join(runRoot(), 'extensions');
    installVsix(join(REPO, 'dist', 'paper-digest-reader.vsix'), { extensionsDir: sharedExtensionsDir });
  }
  return sharedExtensionsDir;
}

/** Polls `probe` until it is truthy; fails with `message` after `timeout` ms. */
export async function waitUntil<T>(
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  message: string,
  timeout = UI_TIMEOUT,
): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() >= deadline) throw new Error(`timed out after ${timeout} ms waiting for ${message}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

/** Writes `files` (relative path -> content) under `folder`. */
export function writeFiles(folder: string, files: Record<string, string | Uint8Array>): void {
  for (const [relative, content] of Object.entries(files)) {
    const path = join(folder, relative);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
}

/**
 * Opens a fresh workbench: its own workspace copy, user-data dir and code-server, the
 * packaged extension installed, and a new browser context. Close it with `close()`.
 */
export async function openWorkbench(options: WorkbenchOptions = {}): Promise<Workbench> {
  const root = tempDir('workbench', runRoot());
  const workspace = join(root, 'workspace');
  mkdirSync(workspace, { recursive: true });
  if (options.fixtures !== false) cpSync(FIXTURES, workspace, { recursive: true });
  if (options.files) writeFiles(workspace, options.files);
  const trust = options.restricted
    ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.banner': 'always' }
    : {};
  const userDataDir = join(root, 'user-data');
  if (options.language) setDisplayLanguage(userDataDir, options.language);
  const server = await startCodeServer({ root, userDataDir, extensionsDir: extensionsDir(), settings: { ...trust, ...options.settings }, workspaceTrust: options.restricted === true });
  userDataDirs.push(server.userDataDir);
  let context: BrowserContext | undefined;
  try {
    context = await (await launchBrowser()).newContext({ viewport: options.viewport ?? { width: 1400, height: 900 } });
    await keepLocal(context);
    const workbench = new Workbench(server, context, await context.newPage(), workspace);
    open.add(workbench);
    await workbench.load(options.waitForActivation !== false);
    return workbench;
  } catch (error) {
    await context?.close().catch(() => undefined);
    await server.stop();
    throw error;
  }
}

/** Closes every workbench still open and the browser (the runner calls it after the tests). */
export async function closeAllWorkbenches(): Promise<void> {
  for (const workbench of [...open]) await workbench.close();
  const launched = browser;
  browser = undefined;
  if (launched) await (await launched).close().catch(() => undefined);
}

/** User-data dirs of every workbench opened in this run, for the activation-log check. */
export function usedUserDataDirs(): string[] {
  return [...userDataDirs];
}

export class Workbench {
  /** Page console errors and uncaught page errors, in order. */
  readonly consoleErrors: string[] = [];
  /** Browser dialogs (alert/confirm/prompt/beforeunload) that appeared; each was dismissed. */
  readonly dialogs: string[] = [];

  constructor(
    readonly server: CodeServer,
    readonly context: BrowserContext,
    readonly page: Page,
    /** Absolute path of this workbench's workspace folder (a fresh copy). */
    readonly workspace: string,
  ) {
    page.on('console', (message) => {
      if (message.type() === 'error') this.consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => this.consoleErrors.push(`${error.name}: ${error.message}`));
    page.on('dialog', (dialog) => {
      this.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss().catch(() => undefined);
    });
  }

  /**
   * Console errors other than the workbench's own noise on an offline machine (the
   * unreachable extension gallery, resources it fails to fetch).
   */
  unexpectedConsoleErrors(): string[] {
    return this.consoleErrors.filter((message) => !WORKBENCH_NOISE.some((pattern) => pattern.test(message)));
  }

  get userDataDir(): string {
    return this.server.userDataDir;
  }

  /** @internal Navigates to the workspace and waits until the workbench can be used. */
  async load(waitForActivation: boolean): Promise<void> {
    await this.page.goto(workbenchUrl(this.server.url, this.workspace), { timeout: UI_TIMEOUT });
    await this.page.locator('.monaco-workbench').waitFor({ timeout: UI_TIMEOUT });
    await this.page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: UI_TIMEOUT });
    if (waitForActivation) {
      await waitUntil(() => activationSeen(this.userDataDir), 'the extension host to activate the extension');
    }
    await this.dismissFirstRun();
  }

  /** Closes welcome/walkthrough editors should one appear despite the quiet settings. */
  async dismissFirstRun(): Promise<void> {
    const welcomeTabs = this.page.locator('.tabs-container .tab').filter({ hasText: /^(Welcome|Walkthrough|Release Notes)/ });
    for (let count = await welcomeTabs.count(); count > 0; count = await welcomeTabs.count()) {
      await welcomeTabs.first().hover();
      await welcomeTabs.first().locator('.tab-actions .action-label').click();
    }
  }

  /** Absolute path of a file in the workspace. */
  path(...segments: string[]): string {
    return join(this.workspace, ...segments);
  }

  readFile(relative: string): string {
    return readFileSync(this.path(relative), 'utf8');
  }

  writeFiles(files: Record<string, string | Uint8Array>): void {
    writeFiles(this.workspace, files);
  }

  /** Opens a view container from the activity bar (default: "Papers") and returns its side bar. */
  async openView(name = PAPERS_VIEW): Promise<Locator> {
    const sidebar = this.sidebar();
    const title = sidebar.locator('.composite.title h2');
    if ((await sidebar.isVisible()) && (await title.textContent())?.trim().toLowerCase() === name.toLowerCase()) return sidebar;
    const label = this.page.locator(`.action-label[aria-label^="${name.replace(/"/g, '\\"')}"]`);
    // The item, not its label: the view's badge sits over the label and would take the click.
    const item = this.page.locator('.part.activitybar .action-item').filter({ has: label }).first();
    await item.click({ timeout: UI_TIMEOUT });
    await sidebar.locator('.composite.title h2').filter({ hasText: new RegExp(`^${escapeRegExp(name)}$`, 'i') }).waitFor({ timeout: UI_TIMEOUT });
    return sidebar;
  }

  /** The primary side bar. */
  sidebar(): Locator {
    return this.page.locator('#workbench\\.parts\\.sidebar');
  }

  /** A view pane inside the side bar by its title (e.g. "Papers"). */
  view(name = PAPERS_VIEW): Locator {
    return this.sidebar().locator('.pane').filter({ has: this.page.locator('.pane-header h3.title', { hasText: new RegExp(`^${escapeRegExp(name)}$`, 'i') }) });
  }

  /** Tree rows in the side bar whose text (label and description) contains `text`. */
  treeItem(text: string | RegExp, within: Locator = this.sidebar()): Locator {
    return within.locator('.monaco-list-row[role="treeitem"]').filter({ hasText: text });
  }

  /** Waits for a tree row with `text` and returns it. */
  async waitForTreeItem(text: string | RegExp, within?: Locator): Promise<Locator> {
    const item = this.treeItem(text, within).first();
    await item.waitFor({ timeout: UI_TIMEOUT });
    return item;
  }

  /**
   * Clicks a tree row until `opened` holds, at most three times. A click that lands while the
   * tree re-renders (the notes store or the index refreshing it just after start-up) can miss
   * the row, as a reader's click sometimes does; a reader clicks again, and so does this.
   */
  async clickTreeItemUntil(text: string | RegExp, opened: () => Promise<boolean>, what: string, within?: Locator): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      await (await this.waitForTreeItem(text, within)).click();
      try {
        await waitUntil(async () => (await opened()) || undefined, what, attempt < 3 ? 10_000 : UI_TIMEOUT);
        return;
      } catch (error) {
        if (attempt >= 3) throw error;
      }
    }
  }

  /**
   * "<label> <description>" of each rendered tree row in the side bar or `within`, as shown
   * (the rows' aria-labels are file paths when an item has a resourceUri, so they are not used).
   */
  async treeItemLabels(within: Locator = this.sidebar()): Promise<string[]> {
    return within.locator('.monaco-list-row[role="treeitem"]').evaluateAll((rows) => rows.map((row) => {
      const text = (selector: string): string => row.querySelector(selector)?.textContent?.trim() ?? '';
      return [text('.label-name'), text('.label-description')].filter(Boolean).join(' ');
    }));
  }

  /** Expands a collapsed tree row (no-op when already expanded) and waits until it is. */
  async expandTreeItem(text: string | RegExp, within?: Locator): Promise<Locator> {
    const item = await this.waitForTreeItem(text, within);
    if ((await item.getAttribute('aria-expanded')) === 'false') await item.locator('.monaco-tl-twistie').click();
    await waitUntil(async () => (await item.getAttribute('aria-expanded')) === 'true', `tree item ${String(text)} to expand`);
    return item;
  }

  /** The quick input (command palette, quick picks, input boxes). */
  quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  /** Runs a command from the palette: F1, type its label, Enter on the matching entry. */
  async runCommand(label: string): Promise<void> {
    // The palette closes when something else takes the focus (an editor or comment widget the
    // extension updates a moment after the previous step), so the whole step is retried.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.openPaletteWith(label);
        await this.acceptQuickPickEntry(label, attempt < 3 ? 10_000 : UI_TIMEOUT);
        return;
      } catch (error) {
        if (attempt >= 3) throw error;
      }
    }
  }

  private async openPaletteWith(label: string): Promise<void> {
    const widget = this.page.locator('.quick-input-widget');
    if (await widget.isVisible()) {
      await this.page.keyboard.press('Escape');
      await widget.waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
    }
    await this.page.locator('.monaco-workbench').focus();
    await this.page.keyboard.press('F1');
    await widget.waitFor({ state: 'visible', timeout: 5_000 });
    // Type into the palette's own input, and make sure the text arrived (it keeps its '>').
    const input = widget.locator('.quick-input-box input');
    await input.focus({ timeout: 5_000 });
    await this.page.keyboard.insertText(label);
    if (!(await input.inputValue({ timeout: 5_000 })).endsWith(label)) await input.fill(`>${label}`, { timeout: 5_000 });
  }

  /**
   * In the open quick pick, moves the keyboard focus onto the entry whose label is exactly
   * `label` and accepts it with Enter. The list re-renders while it filters, so a mouse click
   * can land on a row being replaced; the keyboard cannot. Returns once the pick has closed or
   * moved on to another step (a command that asks for input reuses the same widget).
   */
  async acceptQuickPickEntry(label: string, timeout = UI_TIMEOUT): Promise<void> {
    const widget = this.page.locator('.quick-input-widget');
    const rows = widget.locator('.monaco-list-row');
    const match = rows.filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }) }).first();
    try {
      await match.waitFor({ state: 'attached', timeout });
    } catch {
      const offered = await rows.evaluateAll((all) => all.map((row) => row.getAttribute('aria-label')));
      await this.page.keyboard.press('Escape');
      throw new Error(`no entry "${label}" in the quick pick; it offered: ${JSON.stringify(offered)}`);
    }
    const focusedLabel = async () =>
      (await widget.locator('.monaco-list-row.focused .label-name').first().textContent({ timeout: 2_000 }).catch(() => null))?.trim();
    for (let step = 0; (await focusedLabel()) !== label; step++) {
      if (step >= 30) throw new Error(`could not move the quick pick's focus onto "${label}"`);
      await this.page.keyboard.press('ArrowDown');
    }
    const input = widget.locator('.quick-input-box input');
    const typed = await input.inputValue();
    await this.page.keyboard.press('Enter');
    await waitUntil(
      async () => !(await widget.isVisible()) || (await input.inputValue()) !== typed,
      `the quick pick to accept "${label}"`,
    );
  }

  /** The number of unread papers the status bar gives ("$(book) 12 unread"), once it gives one (`expected`, if given). */
  async unreadInStatusBar(expected?: number): Promise<number> {
    return waitUntil(async () => {
      const text = await this.page.locator('.statusbar-item', { hasText: /\d+ unread/ }).first().textContent().catch(() => null);
      const n = Number(/(\d+) unread/.exec(text ?? '')?.[1] ?? NaN);
      return Number.isNaN(n) || (expected !== undefined && n !== expected) ? undefined : n;
    }, expected === undefined ? 'the unread count in the status bar' : `the status bar to say ${expected} unread`);
  }

  /** Messages of the notification toasts on screen now. */
  async notifications(): Promise<string[]> {
    return this.page.locator('.notifications-toasts .notification-list-item-message').allInnerTexts();
  }

  /** Waits for a notification toast whose message contains `text`; returns the message. */
  async waitForNotification(text: string | RegExp): Promise<string> {
    const toast = this.page.locator('.notifications-toasts .notification-list-item-message').filter({ hasText: text }).first();
    await toast.waitFor({ timeout: UI_TIMEOUT });
    return toast.innerText();
  }

  /** Closes every notification toast on screen. */
  async clearNotifications(): Promise<void> {
    await this.runCommand('Notifications: Clear All Notifications');
  }

  /** VS Code's own modal dialog (showInformationMessage with { modal: true }, confirmations). */
  modalDialog(): Locator {
    return this.page.locator('.monaco-dialog-box');
  }

  /** The content of the active webview panel (two iframes deep). */
  webview(): FrameLocator {
    // A hidden editor may keep its webview's frame in the page: the card in front is the visible one.
    return this.page.frameLocator('iframe.webview.ready:visible').last().frameLocator('iframe#active-frame');
  }

  /** Text of the extension's output channel "Paper Digest Reader" (all log files of this workbench). */
  extensionLog(): string {
    return extensionLogs(this.userDataDir).output.map(({ text }) => text).join('\n');
  }

  /** Activation failures and `[error]` lines the extension logged; [] when clean. */
  activationErrors(): string[] {
    return activationErrors(this.userDataDir);
  }

  /** Saves a PNG of the page as test-results/<name>.png and returns its path. */
  async screenshot(name: string): Promise<string> {
    mkdirSync(RESULTS_DIR, { recursive: true });
    const path = join(RESULTS_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
    await this.page.screenshot({ path });
    return path;
  }

  async close(): Promise<void> {
    open.delete(this);
    await this.context.close().catch(() => undefined);
    await this.server.stop();
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Screenshots every open workbench after a failed test, so the failure can be seen. */
async function screenshotOnFailure(this: Mocha.Context): Promise<void> {
  const test = this.currentTest;
  if (test?.state !== 'failed') return;
  let index = 0;
  for (const workbench of open) {
    await workbench.screenshot(`failed-${test.fullTitle()}${index++ ? `-${index}` : ''}`).catch(() => undefined);
  }
}

/** Runs the bundled UI tests, then closes whatever they left open. */
export async function runTests(files: TestFile[], options: RunOptions = {}): Promise<TestResults> {
  try {
    return await runMocha(files, { timeout: 180_000, afterEach: screenshotOnFailure, ...options });
  } finally {
    await closeAllWorkbenches();
  }
}

// Runs the tests that need real VS Code (code-server 1.100.3 in Debian's Chromium):
//   integration: test/integration/**/*.itest.ts with mocha inside the extension host, the
//                repository loaded as the development extension (bundle: out/test/index.js),
//                in two windows: the tests under test/integration/without-digests/ in an empty
//                workspace (they make what they need in it before the extension starts), the
//                others in a copy of test/fixtures;
//   e2e:         test/e2e/**/*.e2e.ts in Node with playwright-core, against the packaged
//                dist/paper-digest-reader.vsix installed in a fresh extensions dir (out/e2e/index.js).
// Both run on fresh copies of test/fixtures, so nothing a test writes reaches the repository.
// `npm run test:vscode` builds and packages first. `node scripts/test-vscode.mjs integration`
// (or `e2e`) runs one part. PAPER_READER_KEEP=1 keeps the temp folders.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { SourceMap, createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import {
  CHROMIUM, CHROMIUM_ARGS, MissingToolError, activationErrors, activationSeen, checkPrerequisites,
  ensureCodeServer, extensionHostExited, extensionLogs, installVsix, keepLocal, startCodeServer, tempDir, workbenchUrl,
} from './code-server.mjs';

const REPO = resolve(import.meta.dirname, '..');
const VSIX = join(REPO, 'dist', 'paper-digest-reader.vsix');
const INTEGRATION_BUNDLE = join(REPO, 'out', 'test', 'index.js');
const E2E_BUNDLE = join(REPO, 'out', 'e2e', 'index.js');
const LOGS = join(REPO, 'test-results', 'logs');
const RESULTS_ENV = 'PAPER_READER_TEST_RESULTS';
/** The whole integration run may take this long; the test entry must start within the first part. */
const INTEGRATION_TIMEOUT_MS = Number(process.env.PAPER_READER_ITEST_TIMEOUT_MS ?? 600_000);
const ENTRY_START_TIMEOUT_MS = 120_000;
/** Integration tests that need a workspace without digests, run in a window of their own. */
const WITHOUT_DIGESTS = 'test/integration/without-digests/';

const parts = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const runIntegration = parts.length === 0 || parts.includes('integration');
const runE2e = parts.length === 0 || parts.includes('e2e');

const counts = { passed: 0, failed: 0 };
const failures = [];

function indent(text, prefix = '      ') {
  return text.split('\n').map((line) => prefix + line).join('\n');
}

/** Maps `<bundle>:line:col` frames of a stack to the TypeScript sources via the bundle's source map. */
function sourceMapper(bundle) {
  let map;
  try {
    map = new SourceMap(JSON.parse(readFileSync(`${bundle}.map`, 'utf8')));
  } catch {
    return (stack) => stack;
  }
  const name = relative(REPO, bundle).split('\\').join('/');
  const frame = new RegExp(`(?:[^\\s(]*?)${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+):(\\d+)`, 'g');
  return (stack) => stack.replace(frame, (whole, line, column) => {
    const entry = map.findEntry(Number(line) - 1, Number(column) - 1);
    if (!entry?.originalSource) return whole;
    const source = relative(REPO, resolve(dirname(bundle), entry.originalSource.replace(/^file:\/\//, '')));
    return `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  });
}

// Playwright colours its call logs; a log file or CI page shows the escapes as noise.
// eslint-disable-next-line no-control-regex
const stripAnsi = (text) => text.replace(/\u001b\[[0-9;]*m/g, '');

function report(part, outcome, mapStack = (stack) => stack) {
  const name = `[${part}] ${outcome.fullTitle}`;
  const time = outcome.durationMs !== undefined ? ` (${outcome.durationMs} ms)` : '';
  if (outcome.state === 'passed') {
    counts.passed++;
    console.log(`  ✓ ${name}${time}`);
    return;
  }
  counts.failed++;
  let detail = outcome.error?.stack && outcome.error.stack.includes(outcome.error.message)
    ? mapStack(outcome.error.stack)
    : [outcome.error?.message ?? 'failed', outcome.error?.stack ? mapStack(outcome.error.stack) : ''].filter(Boolean).join('\n');
  detail = stripAnsi(detail);
  failures.push({ name, detail });
  console.log(`  ✗ ${name}${time}\n${indent(detail)}`);
}

/** A check of the run itself, counted and printed like a test. */
function check(part, title, run) {
  try {
    run();
    report(part, { fullTitle: title, state: 'passed' });
  } catch (error) {
    report(part, { fullTitle: title, state: 'failed', error: { message: error.message, stack: error.message } });
  }
}

function assertCleanActivation(userDataDirs) {
  if (!userDataDirs.some((dir) => activationSeen(dir))) {
    throw new Error('the extension host log never shows the extension being activated');
  }
  const errors = userDataDirs.flatMap((dir) => activationErrors(dir));
  if (errors.length > 0) throw new Error(`the extension logged errors:\n${errors.join('\n')}`);
}

function saveLogs(userDataDir, name) {
  const from = join(userDataDir, 'logs');
  if (existsSync(from)) cpSync(from, join(LOGS, name), { recursive: true });
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

function exthostTail(userDataDir, lines = 40) {
  return extensionLogs(userDataDir).exthost
    .map(({ path, text }) => `${path}:\n${text.trimEnd().split('\n').slice(-lines).join('\n')}`)
    .join('\n');
}

/**
 * The test entry of one window: the integration bundle with only its test files under
 * WITHOUT_DIGESTS (`keepInside`), or only the others.
 */
function writeEntry(path, keepInside) {
  writeFileSync(path, [
    `const bundle = require(${JSON.stringify(INTEGRATION_BUNDLE)});`,
    `const keep = (file) => file.name.startsWith(${JSON.stringify(WITHOUT_DIGESTS)}) === ${keepInside};`,
    'exports.run = function run() {',
    '  bundle.testFiles.splice(0, bundle.testFiles.length, ...bundle.testFiles.filter(keep));',
    '  return bundle.run();',
    '};',
    '',
  ].join('\n'));
}

async function integration(root) {
  console.log('\nintegration: test/integration/**/*.itest.ts inside the extension host');
  const base = join(root, 'integration');
  const workspace = join(base, 'workspace');
  cpSync(join(REPO, 'test', 'fixtures'), workspace, { recursive: true });
  await integrationWindow({ base, workspace, withoutDigests: false });
  console.log(`\nintegration: ${WITHOUT_DIGESTS}**/*.itest.ts in a workspace without digests`);
  const quietBase = join(root, 'integration-without-digests');
  const quietWorkspace = join(quietBase, 'workspace');
  mkdirSync(quietWorkspace, { recursive: true });
  await integrationWindow({ base: quietBase, workspace: quietWorkspace, withoutDigests: true });
}

async function integrationWindow({ base, workspace, withoutDigests }) {
  const part = withoutDigests ? 'integration without digests' : 'integration';
  const mapStack = sourceMapper(INTEGRATION_BUNDLE);
  const entry = join(base, 'entry.js');
  writeEntry(entry, withoutDigests);
  const resultsFile = join(base, 'results.json');
  const only = process.env.PAPER_READER_TEST_FILES ? { PAPER_READER_TEST_FILES: process.env.PAPER_READER_TEST_FILES } : {};
  const server = await startCodeServer({ root: base, env: { [RESULTS_ENV]: resultsFile, ...only } });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const consoleErrors = [];
  try {
    const page = await browser.newPage();
    await keepLocal(page.context());
    page.on('console', (message) => { if (message.type() === 'error') consoleErrors.push(message.text()); });
    page.on('dialog', (dialog) => { void dialog.dismiss().catch(() => undefined); });
    const remote = (path) => `vscode-remote://${server.host}:${server.port}${path}`;
    await page.goto(workbenchUrl(server.url, workspace, [
      ['extensionDevelopmentPath', remote(REPO)],
      ['extensionTestsPath', remote(entry)],
    ]));
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });

    const started = Date.now();
    let printed = 0;
    let results;
    let hostExitSeen;
    for (let poll = 0; ; poll++) {
      results = readJson(resultsFile);
      const tests = results?.tests ?? [];
      for (; printed < tests.length; printed++) report(part, tests[printed], mapStack);
      if (results?.done) break;
      const elapsed = Date.now() - started;
      if (!results && elapsed > ENTRY_START_TIMEOUT_MS) {
        throw new Error(`the test entry ${relative(REPO, INTEGRATION_BUNDLE)} never ran within ${ENTRY_START_TIMEOUT_MS} ms`);
      }
      if (elapsed > INTEGRATION_TIMEOUT_MS) throw new Error(`the integration tests did not finish within ${INTEGRATION_TIMEOUT_MS} ms`);
      // A crashed extension host never writes `done`: give its last writes a moment, then stop waiting.
      if (poll % 10 === 0 && !hostExitSeen && extensionHostExited(server.userDataDir)) {
        hostExitSeen = Date.now();
      }
      if (hostExitSeen && Date.now() - hostExitSeen > 10_000) throw new Error('the extension host exited before the tests finished');
      await new Promise((done) => setTimeout(done, 200));
    }
    if (results.files.length === 0) console.log('  (no *.itest.ts files)');
    check(part, 'the extension activates with no error in its log', () => assertCleanActivation([server.userDataDir]));
  } catch (error) {
    report(part, { fullTitle: 'the integration run completes', state: 'failed', error: { message: error.message, stack: error.stack } });
    console.log(indent(`extension host log:\n${exthostTail(server.userDataDir)}`));
    if (consoleErrors.length > 0) console.log(indent(`page console errors:\n${consoleErrors.slice(-20).join('\n')}`));
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
    saveLogs(server.userDataDir, withoutDigests ? 'integration-without-digests' : 'integration');
  }
}

async function e2e(root) {
  console.log('\ne2e: test/e2e/**/*.e2e.ts driving the packaged extension in Chromium');
  const base = join(root, 'e2e');
  const extensionsDir = join(base, 'extensions');
  installVsix(VSIX, { extensionsDir, userDataDir: join(base, 'install-user-data') });
  process.env.PAPER_READER_E2E_EXTENSIONS = extensionsDir;
  process.env.PAPER_READER_E2E_ROOT = base;
  process.env.PAPER_READER_REPO = REPO;
  // The bundle's frames then point at the .ts sources.
  process.setSourceMapsEnabled(true);
  const bundle = createRequire(import.meta.url)(E2E_BUNDLE);
  const results = await bundle.runTests(bundle.testFiles, { onTest: (outcome) => report('e2e', outcome) });
  if (results.files.length === 0) console.log('  (no *.e2e.ts files)');
  const dirs = bundle.usedUserDataDirs();
  dirs.forEach((dir, index) => saveLogs(dir, `e2e-${index + 1}`));
  if (dirs.length > 0) {
    check('e2e', 'the packaged extension activates with no error in its log', () => assertCleanActivation(dirs));
  }
}

async function main() {
  for (const [path, what] of [[VSIX, 'the .vsix'], [INTEGRATION_BUNDLE, 'the integration bundle'], [E2E_BUNDLE, 'the e2e bundle']]) {
    if (!existsSync(path)) throw new MissingToolError(`${what} ${relative(REPO, path)} is missing: run \`npm run package\` first (npm run test:vscode does)`);
  }
  checkPrerequisites({ forInstall: false });
  ensureCodeServer();
  rmSync(LOGS, { recursive: true, force: true });
  mkdirSync(LOGS, { recursive: true });
  const root = tempDir('test');
  try {
    if (runIntegration) await integration(root);
    if (runE2e) await e2e(root);
  } finally {
    if (process.env.PAPER_READER_KEEP) console.log(`\nkept ${root}`);
    else rmSync(root, { recursive: true, force: true });
  }
}

let fatal;
try {
  await main();
} catch (error) {
  fatal = error;
  console.error(`\n${error instanceof MissingToolError ? error.message : error.stack ?? error}`);
}
if (failures.length > 0) {
  console.log(`\n${failures.length} failure(s):`);
  failures.forEach(({ name, detail }, index) => console.log(`\n${index + 1}) ${name}\n${indent(detail)}`));
}
console.log(`\nlogs: ${relative(process.cwd(), LOGS) || LOGS}`);
console.log(`vscode: ${counts.passed} passed, ${counts.failed + (fatal ? 1 : 0)} failed`);
process.exit(fatal || counts.failed > 0 || counts.passed === 0 ? 1 : 0);

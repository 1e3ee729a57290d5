// Runs mocha over the bundled test files and writes the outcome to a JSON file that the
// harness (scripts/test-vscode.mjs) reads. Used inside the extension host for the
// integration tests (out/test/index.js) and in Node for the UI tests (out/e2e/index.js).
import Mocha from 'mocha';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** One bundled test file: `load` runs its top level, which declares its suites. */
export interface TestFile {
  name: string;
  load: () => unknown;
}

export interface TestOutcome {
  title: string;
  fullTitle: string;
  file?: string;
  state: 'passed' | 'failed';
  durationMs?: number;
  error?: { message: string; stack?: string };
}

export interface TestResults {
  done: boolean;
  files: string[];
  tests: TestOutcome[];
}

/** Environment variable naming the JSON file the results go to. */
export const RESULTS_ENV = 'PAPER_READER_TEST_RESULTS';

function describeError(error: unknown): { message: string; stack?: string } {
  if (error instanceof Error) return { message: error.message, stack: error.stack };
  return { message: String(error) };
}

/** Writes via a temp file and rename, so a reader never sees half a file. */
export function writeResults(path: string, results: TestResults): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(results, null, 2));
  renameSync(temp, path);
}

export interface RunOptions {
  /** Per-test timeout in ms (mocha's `timeout`). */
  timeout?: number;
  /** Called after each test finishes, e.g. to print progress. */
  onTest?: (outcome: TestOutcome) => void;
  /** Root-level afterEach hook (runs after every test, `this.currentTest` is set). */
  afterEach?: (this: Mocha.Context) => Promise<void> | void;
}

/**
 * Loads every file under mocha's TDD interface (`suite`, `test`, `suiteSetup`, ...; import
 * them from 'mocha') and runs them. Never rejects: load errors, hook failures, `.only` and
 * skipped tests all come back as failed outcomes.
 */
/** `PAPER_READER_TEST_FILES=fetch,trust` runs only the test files whose name contains one of the words. */
function selected(files: TestFile[]): TestFile[] {
  const words = (process.env.PAPER_READER_TEST_FILES ?? '').split(',').map((w) => w.trim()).filter(Boolean);
  return words.length === 0 ? files : files.filter((file) => words.some((word) => file.name.includes(word)));
}

export function runMocha(all: TestFile[], options: RunOptions = {}): Promise<TestResults> {
  const files = selected(all);
  const mocha = new Mocha({
    ui: 'tdd',
    timeout: options.timeout ?? 60_000,
    color: false,
    forbidOnly: true,
    forbidPending: true,
    rootHooks: options.afterEach ? { afterEach: options.afterEach } : undefined,
  });
  // Mocha's base reporter prints nothing; the outcomes are collected below.
  mocha.reporter(Mocha.reporters.Base);
  const results: TestResults = { done: false, files: files.map((file) => file.name), tests: [] };
  const record = (outcome: TestOutcome): void => {
    results.tests.push(outcome);
    options.onTest?.(outcome);
  };

  for (const file of files) {
    mocha.suite.emit('pre-require', globalThis, file.name, mocha);
    try {
      file.load();
    } catch (error) {
      record({ title: 'loads', fullTitle: `${file.name} loads`, file: file.name, state: 'failed', error: describeError(error) });
    }
    mocha.suite.emit('post-require', globalThis, file.name, mocha);
  }

  return new Promise((resolve) => {
    try {
      const runner = mocha.run(() => {
        results.done = true;
        resolve(results);
      });
      runner.on('pass', (test) => {
        record({ title: test.title, fullTitle: test.fullTitle(), file: test.file, state: 'passed', durationMs: test.duration });
      });
      runner.on('fail', (test, error) => {
        record({ title: test.title, fullTitle: test.fullTitle(), file: test.file, state: 'failed', durationMs: test.duration, error: describeError(error) });
      });
      runner.on('pending', (test) => {
        record({ title: test.title, fullTitle: test.fullTitle(), file: test.file, state: 'failed', error: { message: 'skipped tests are not allowed' } });
      });
    } catch (error) {
      record({ title: 'mocha run', fullTitle: 'mocha run', state: 'failed', error: describeError(error) });
      results.done = true;
      resolve(results);
    }
  });
}

/**
 * Called by the generated entry (see scripts/build.mjs) as the extension host's
 * `extensionTestsPath` `run()`. Writes `{ done: false }` first so the harness can tell
 * "the tests started" from "the entry point never ran".
 */
export async function runTests(files: TestFile[]): Promise<void> {
  const resultsPath = process.env[RESULTS_ENV];
  if (!resultsPath) throw new Error(`${RESULTS_ENV} is not set: run the integration tests with \`npm run test:vscode\``);
  // Stack traces then point at the .ts sources through the bundle's source map.
  process.setSourceMapsEnabled(true);
  const progress: TestResults = { done: false, files: files.map((file) => file.name), tests: [] };
  writeResults(resultsPath, progress);
  // Progress is written after each test, so a hang still shows how far the run got.
  const results = await runMocha(files, {
    onTest: (outcome) => {
      progress.tests.push(outcome);
      writeResults(resultsPath, progress);
    },
  });
  writeResults(resultsPath, results);
}

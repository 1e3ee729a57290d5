/**
 * A tiny extension installed beside the packaged one for the VS Code figures.
 * It shares the extension host with Paper Digest Reader, so a 5 ms interval
 * timer that fires late measures how long that host was blocked. It writes
 * what it saw to the file named by PAPER_READER_PROBE_OUT several times a
 * second, and on request (a file named `<out>.read` appearing) times reading
 * every digest candidate the way the extension's scan reads them. A file named `<out>.cpu`
 * holding a number of milliseconds asks for the host's CPU time over that long: the probe
 * stops its own timers for it, so what it measures is every other extension's work. A file
 * named `<out>.profile` holding a path starts a CPU profile of the host (node:inspector, in
 * the host's own thread); the same file again stops it and writes the profile to that path.
 * With PAPER_READER_PROBE_PROFILE naming a file, the probe also CPU-profiles the whole host
 * (node's inspector, in process) from its activation until the `<out>.read` request, and
 * writes the profile there: the blocks can then be told apart by whose code ran in them.
 */

export const PROBE_ID = 'paper-reader-bench.probe';
export const PROBE_VERSION = '0.0.1';

export interface ProbeReport {
  /** Wall clock (ms since the epoch) when the probe activated. */
  start: number;
  now: number;
  /** Blocks longer than the threshold: [wall-clock start, length in ms]. */
  blocks: [number, number][];
  /** Reading every candidate file: findFiles + workspace.fs.readFile + decode, one after another. */
  read?: { files: number; bytes: number; ms: number };
  /** The host's CPU time (user + system) over each requested stretch, with the probe's timers stopped. */
  cpu?: { ms: number; cpuMs: number }[];
  /** The paths of the CPU profiles written so far, in order. */
  profiles?: string[];
  /** When profiling: the profile's clock (µs) and the wall clock (ms) read together, to place samples in wall time. */
  profileClock?: { micros: number; wall: number };
  /** The same pair read when the probe activated, for the profiles taken on request. */
  clock: { micros: number; wall: number };
  /** When profiling: set once the profile has been written. */
  profiled?: boolean;
  profileError?: string;
}

/** The probe's package.json. */
export function probeManifest(): string {
  return JSON.stringify({
    name: 'probe',
    publisher: 'paper-reader-bench',
    version: PROBE_VERSION,
    engines: { vscode: '^1.100.0' },
    main: './extension.js',
    activationEvents: ['*'],
  }, null, 2);
}

/** The probe's code, plain CommonJS run by the extension host. */
export function probeSource(): string {
  return String.raw`
const vscode = require('vscode');
const fs = require('fs');
const PERIOD = 5;
const THRESHOLD = 15;
exports.activate = function (context) {
  const out = process.env.PAPER_READER_PROBE_OUT;
  if (!out) return;
  // V8 stamps samples with the monotonic clock that process.hrtime reads.
  const report = { start: Date.now(), now: Date.now(), blocks: [], clock: { micros: Number(process.hrtime.bigint() / 1000n), wall: Date.now() } };
  let last = performance.now();
  const watch = () => setInterval(() => {
    const t = performance.now();
    const late = t - last - PERIOD;
    last = t;
    if (late > THRESHOLD) report.blocks.push([Date.now() - Math.round(late), Math.round(late)]);
  }, PERIOD);
  let tick = watch();
  const profiler = startProfile(process.env.PAPER_READER_PROBE_PROFILE, report);
  let reading = false;
  const flush = () => {
    report.now = Date.now();
    fs.writeFileSync(out + '.tmp', JSON.stringify(report));
    fs.renameSync(out + '.tmp', out);
    if (!reading && !report.read && fs.existsSync(out + '.read')) {
      reading = true;
      // The profile ends where the bench's indexing stretch does, before the probe's own reads.
      void profiler.stop().then(() => readAll()).then((read) => { report.read = read; });
    }
  };
  let flusher = setInterval(flush, 200);
  const measureCpu = () => {
    if (!fs.existsSync(out + '.cpu')) return;
    const ms = Number(fs.readFileSync(out + '.cpu', 'utf8'));
    fs.rmSync(out + '.cpu');
    clearInterval(tick);
    clearInterval(flusher);
    const cpu = process.cpuUsage();
    const started = performance.now();
    setTimeout(() => {
      const used = process.cpuUsage(cpu);
      (report.cpu = report.cpu || []).push({ ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 });
      flush();
      flusher = setInterval(flush, 200);
      last = performance.now();
      tick = watch();
    }, ms);
  };
  let session;
  const profile = () => {
    if (!fs.existsSync(out + '.profile')) return;
    const path = fs.readFileSync(out + '.profile', 'utf8');
    fs.rmSync(out + '.profile');
    if (!session) {
      session = new (require('inspector').Session)();
      session.connect();
      session.post('Profiler.enable', () => session.post('Profiler.setSamplingInterval', { interval: 1000 }, () => session.post('Profiler.start')));
      return;
    }
    const current = session;
    session = undefined;
    current.post('Profiler.stop', (error, result) => {
      fs.writeFileSync(path, JSON.stringify(error ? {} : result.profile));
      current.disconnect();
      (report.profiles = report.profiles || []).push(path);
      flush();
    });
  };
  const cpuRequests = setInterval(() => { measureCpu(); profile(); }, 200);
  context.subscriptions.push({ dispose() { clearInterval(tick); clearInterval(flusher); clearInterval(cpuRequests); flush(); } });
};
function startProfile(file, report) {
  if (!file) return { stop: () => Promise.resolve() };
  const inspector = require('inspector');
  const session = new inspector.Session();
  session.connect();
  const post = (method, params) => new Promise((done, fail) => session.post(method, params || {}, (error, result) => (error ? fail(error) : done(result))));
  // V8 stamps samples with the monotonic clock that process.hrtime reads.
  report.profileClock = { micros: Number(process.hrtime.bigint() / 1000n), wall: Date.now() };
  const started = post('Profiler.enable').then(() => post('Profiler.setSamplingInterval', { interval: 500 })).then(() => post('Profiler.start'));
  return {
    stop: () => started
      .then(() => post('Profiler.stop'))
      .then(({ profile }) => {
        fs.writeFileSync(file, JSON.stringify(profile));
        report.profiled = true;
      })
      .catch((error) => { report.profileError = String(error); })
      .finally(() => session.disconnect()),
  };
}
async function readAll() {
  const started = performance.now();
  const uris = await vscode.workspace.findFiles('**/*.{txt,md}', '{**/node_modules/**,**/.git/**,**/.papers/**}');
  let bytes = 0;
  const decoder = new TextDecoder();
  for (const uri of uris) {
    await vscode.workspace.fs.stat(uri);
    const data = await vscode.workspace.fs.readFile(uri);
    bytes += decoder.decode(data).length;
  }
  return { files: uris.length, bytes, ms: performance.now() - started };
}
exports.deactivate = function () {};
`;
}

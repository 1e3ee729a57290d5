// code-server (VS Code 1.100.3 server + web workbench) for the tests and `npm start`.
//
// It is installed into a cache outside the project's npm tree, so `npm ci` stays small
// and a second run is instant. Its install needs three things these offline machines
// only get from Debian: gssapi headers (libkrb5-dev), ripgrep (whose npm package would
// download a binary from GitHub) and, to drive it, Chromium.
/* global fetch, AbortSignal */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3';
export const CHROMIUM = '/usr/bin/chromium';
/** Flags without which Chromium, as root on a closed network, either refuses to start or stalls on lookups. */
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
/**
 * Keeps a browser context on this machine: any request to another host (a link the extension
 * opens, a gallery lookup) is aborted, so no test reaches an address but loopback.
 */
export async function keepLocal(context) {
  await context.route((url) => !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) && /^(https?|wss?):$/.test(url.protocol), (route) => route.abort('blockedbyclient'));
}

export const EXTENSION_ID = 'paper-digest-reader.paper-digest-reader';
export const OUTPUT_CHANNEL = 'Paper Digest Reader';

// @vscode/ripgrep 1.15.11 (inside code-server) downloads this archive unless its cache holds it.
const RIPGREP_PACKAGE_VERSION = '1.15.11';
const RIPGREP_RELEASE = 'v13.0.0-10';
const RIPGREP_TARGETS = { x64: 'x86_64-unknown-linux-musl', arm64: 'aarch64-unknown-linux-musl' };

/** Folder that holds the cached install: `$PAPER_READER_CACHE` or `~/.cache/paper-digest-reader`. */
export function cacheRoot() {
  return process.env.PAPER_READER_CACHE || join(homedir(), '.cache', 'paper-digest-reader');
}

export function codeServerDir() {
  return join(cacheRoot(), `code-server-${CODE_SERVER_VERSION}`);
}

function codeServerBin(dir = codeServerDir()) {
  return join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

function markerFile(dir = codeServerDir()) {
  return join(dir, '.installed');
}

export class MissingToolError extends Error {}

/** Names every missing prerequisite at once, with the Debian package that provides it. */
export function checkPrerequisites({ forInstall = true, forBrowser = true } = {}) {
  const missing = [];
  if (forBrowser && !existsSync(CHROMIUM)) missing.push(`${CHROMIUM} (Debian package: chromium)`);
  if (forInstall) {
    if (!existsSync('/usr/bin/rg')) missing.push('/usr/bin/rg (Debian package: ripgrep)');
    if (!existsSync('/usr/include/gssapi/gssapi.h')) missing.push('gssapi headers /usr/include/gssapi/gssapi.h (Debian package: libkrb5-dev)');
    for (const tool of ['make', 'g++', 'python3']) {
      if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) missing.push(`${tool} (Debian packages: build-essential python3)`);
    }
    if (!RIPGREP_TARGETS[process.arch]) missing.push(`a supported CPU (code-server's ripgrep has no build for ${process.arch} here)`);
  }
  if (missing.length > 0) {
    throw new MissingToolError(
      `code-server ${CODE_SERVER_VERSION} needs:\n  - ${missing.join('\n  - ')}\n` +
      'Install them with: apt-get update && apt-get install -y --no-install-recommends chromium ripgrep libkrb5-dev build-essential python3\n' +
      '(.ci/run does this when it runs as root.)',
    );
  }
}

function isInstalled(dir) {
  if (!existsSync(markerFile(dir)) || !existsSync(codeServerBin(dir))) return false;
  return readFileSync(markerFile(dir), 'utf8').trim() === CODE_SERVER_VERSION;
}

/** Puts Debian's rg where @vscode/ripgrep looks for its downloaded archive. */
function seedRipgrepCache(tmp) {
  const cache = join(tmp, `vscode-ripgrep-cache-${RIPGREP_PACKAGE_VERSION}`);
  const archive = join(cache, `ripgrep-${RIPGREP_RELEASE}-${RIPGREP_TARGETS[process.arch]}.tar.gz`);
  if (existsSync(archive)) return;
  mkdirSync(cache, { recursive: true });
  const staging = mkdtempSync(join(tmp, 'rg-'));
  spawnSync('cp', ['/usr/bin/rg', join(staging, 'rg')], { stdio: 'inherit' });
  const tar = spawnSync('tar', ['-czf', archive, '-C', staging, 'rg'], { stdio: 'inherit' });
  rmSync(staging, { recursive: true, force: true });
  if (tar.status !== 0) throw new Error(`could not write ${archive}`);
}

function sleepSync(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Takes `<dir>.lock` (a directory: creating one is atomic), so two runs started together
 * do not both npm-install into the same folder. A lock older than the longest install is
 * left over from a killed run and is taken over.
 */
function withInstallLock(dir, log, install) {
  const lock = `${dir}.lock`;
  mkdirSync(dirname(lock), { recursive: true });
  for (let waitedMs = 0; ; waitedMs += 1000) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      if (isInstalled(dir)) return dir;
      let age = 0;
      try { age = Date.now() - statSync(lock).mtimeMs; } catch { continue; }
      if (age > 20 * 60_000) {
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (waitedMs === 0) log(`Waiting for another run that is installing code-server into ${dir}...`);
      sleepSync(1000);
    }
  }
  try {
    return isInstalled(dir) ? dir : install();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Installs code-server into the cache unless it is there already; returns its folder.
 * Safe to call on every run, and from several runs at once: an interrupted install has no
 * marker and is redone.
 */
export function ensureCodeServer({ log = console.error } = {}) {
  const dir = codeServerDir();
  if (isInstalled(dir)) return dir;
  checkPrerequisites();
  return withInstallLock(dir, log, () => install(dir, log));
}

function install(dir, log) {
  log(`Installing code-server ${CODE_SERVER_VERSION} into ${dir} (a few minutes, once)...`);
  mkdirSync(dir, { recursive: true });
  rmSync(markerFile(dir), { force: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'paper-reader-code-server', private: true }, null, 2) + '\n');
  const tmp = join(dir, 'tmp');
  mkdirSync(tmp, { recursive: true });
  seedRipgrepCache(tmp);
  const started = Date.now();
  const result = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: dir,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      TMPDIR: tmp,
      // code-server's postinstall refuses root without this, and runs `npx node-gyp`.
      npm_config_unsafe_perm: 'true',
      npm_config_yes: 'true',
      // The project's own npm settings (for example from `npm run`) must not leak into this tree.
      npm_config_prefix: '',
      npm_config_global: '',
    },
  });
  if (result.status !== 0 || !existsSync(codeServerBin(dir))) {
    throw new Error(`npm install code-server@${CODE_SERVER_VERSION} failed (exit ${result.status}) in ${dir}`);
  }
  writeFileSync(markerFile(dir), CODE_SERVER_VERSION + '\n');
  log(`code-server ${CODE_SERVER_VERSION} installed in ${Math.round((Date.now() - started) / 1000)} s.`);
  return dir;
}

/** A port nobody listens on right now (the OS picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Fresh temp folder under the OS temp dir (or `base`), with a recognisable prefix. */
export function tempDir(prefix, base = tmpdir()) {
  mkdirSync(base, { recursive: true });
  return mkdtempSync(join(base, `paper-reader-${prefix}-`));
}

function runCodeServer(args, { dir = ensureCodeServer() } = {}) {
  return spawnSync(process.execPath, [codeServerBin(dir), ...args], { encoding: 'utf8', env: serverEnv() });
}

function serverEnv(extra = {}) {
  const env = { ...process.env, ...extra };
  // npm run sets these for the project's scripts; they mean nothing to code-server and its extension host.
  for (const key of Object.keys(env)) if (key.startsWith('npm_')) delete env[key];
  return env;
}

/** Installs a packaged extension into `extensionsDir` (throws with code-server's output on failure). */
export function installVsix(vsix, { extensionsDir, userDataDir }) {
  if (!existsSync(vsix)) throw new Error(`${vsix} does not exist: run \`npm run package\` first`);
  mkdirSync(extensionsDir, { recursive: true });
  const args = ['--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'];
  if (userDataDir) args.unshift('--user-data-dir', userDataDir);
  const result = runCodeServer(args);
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0 || !/successfully installed/i.test(output)) {
    throw new Error(`installing ${vsix} failed (exit ${result.status}):\n${output}`);
  }
  return output;
}

/** User settings that keep first-run surfaces (welcome page, tips, trust prompts) out of the way. */
export const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'extensions.ignoreRecommendations': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'chat.commandCenter.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
};

/** Writes `<userDataDir>/User/settings.json`: the quiet defaults, then `settings` over them. */
export function writeUserSettings(userDataDir, settings = {}) {
  const file = join(userDataDir, 'User', 'settings.json');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2) + '\n');
}

async function waitUntilServing(url, child, output, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited (${child.exitCode ?? child.signalCode}) before serving:\n${output()}`);
    }
    try {
      const response = await fetch(new URL('healthz', url), { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`code-server did not serve ${url} within ${timeoutMs} ms:\n${output()}`);
}

const running = new Set();
function stopAllSync() {
  for (const child of running) {
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
  }
  running.clear();
}
let exitHookInstalled = false;
function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Whatever way this process ends, no server outlives it.
  process.on('exit', stopAllSync);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      stopAllSync();
      process.exit(128 + ({ SIGINT: 2, SIGTERM: 15, SIGHUP: 1 })[signal]);
    });
  }
}

/**
 * Starts code-server on a free loopback port in its own process group and waits until it
 * serves. `root` (a temp dir by default) receives `user-data/` and, unless given,
 * `extensions/`. Resolves to { url, port, userDataDir, extensionsDir, output(), stop() }.
 */
export async function startCodeServer({
  root = tempDir('server'),
  userDataDir = join(root, 'user-data'),
  extensionsDir = join(root, 'extensions'),
  settings,
  port,
  host = '127.0.0.1',
  folder,
  env = {},
  inheritOutput = false,
  timeoutMs = 60_000,
  workspaceTrust = false,
} = {}) {
  const dir = ensureCodeServer();
  checkPrerequisites({ forInstall: false, forBrowser: false });
  mkdirSync(userDataDir, { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  if (settings !== undefined || !existsSync(join(userDataDir, 'User', 'settings.json'))) writeUserSettings(userDataDir, settings);
  port ??= await freePort();
  const args = [
    codeServerBin(dir),
    '--auth', 'none', '--bind-addr', `${host}:${port}`,
    '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override',
    // Workspace Trust stays off unless a test asks for Restricted Mode.
    ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
  ];
  if (folder) args.push(folder);
  installExitHook();
  const child = spawn(process.execPath, args, {
    detached: true,
    stdio: ['ignore', inheritOutput ? 'inherit' : 'pipe', inheritOutput ? 'inherit' : 'pipe'],
    env: serverEnv(env),
  });
  running.add(child);
  let text = '';
  const keep = (chunk) => { text = (text + chunk).slice(-200_000); };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.once('exit', () => running.delete(child));

  const url = `http://${host}:${port}/`;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (child.exitCode === null && child.signalCode === null) {
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
      const timer = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }, 5000);
      await exited;
      clearTimeout(timer);
    }
    // The extension host and file watchers are in the same group; make sure none lingers.
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* all gone */ }
    running.delete(child);
  };
  try {
    await waitUntilServing(url, child, () => text, timeoutMs);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, port, host, root, userDataDir, extensionsDir, output: () => text, stop, process: child };
}

/** `?folder=` URL of the workbench for an absolute folder path, with an optional payload. */
export function workbenchUrl(serverUrl, folder, payload) {
  // Slashes stay readable (`?folder=/home/me/ws`); everything else is encoded.
  const encode = (value) => encodeURIComponent(value).replace(/%2F/g, '/');
  let query = `?folder=${encode(folder)}`;
  if (payload) query += `&payload=${encode(JSON.stringify(payload))}`;
  return new URL(query, serverUrl).toString();
}

function walk(dir, found = []) {
  if (!existsSync(dir)) return found;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, found);
    else found.push(path);
  }
  return found;
}

/**
 * Log files a server wrote under its user-data dir: the extension host logs and the
 * extension's own output channel ("Paper Digest Reader").
 */
export function extensionLogs(userDataDir) {
  const files = walk(join(userDataDir, 'logs'));
  const read = (path) => ({ path, text: readFileSync(path, 'utf8') });
  return {
    exthost: files.filter((path) => /exthost\d*\.log$|remoteexthost\.log$/i.test(path)).map(read),
    output: files.filter((path) => path.endsWith(`${OUTPUT_CHANNEL}.log`)).map(read),
    agent: files.filter((path) => path.endsWith('remoteagent.log')).map(read),
    all: files,
  };
}

/**
 * Errors the extension reported while activating: an activation failure in the extension
 * host log, or any `[error]` line in its own output channel. Gallery and network noise from
 * the workbench itself is not the extension's and is ignored.
 */
export function activationErrors(userDataDir, extensionId = EXTENSION_ID) {
  const { exthost, output } = extensionLogs(userDataDir);
  const errors = [];
  const idPattern = new RegExp(extensionId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
  for (const { path, text } of exthost) {
    const lines = text.split('\n');
    lines.forEach((line, i) => {
      if (/\[error\]/i.test(line) && (idPattern.test(line) || idPattern.test(lines[i + 1] ?? ''))) {
        errors.push(`${path}:${i + 1}: ${line.trim()}`);
      }
      if (/Activating extension .* failed/i.test(line) && idPattern.test(line)) errors.push(`${path}:${i + 1}: ${line.trim()}`);
    });
  }
  for (const { path, text } of output) {
    text.split('\n').forEach((line, i) => {
      if (/\[error\]/i.test(line)) errors.push(`${path}:${i + 1}: ${line.trim()}`);
    });
  }
  return [...new Set(errors)];
}

/** True once an extension host of this server has exited (crashed, or closed with its window). */
export function extensionHostExited(userDataDir) {
  const { exthost, agent } = extensionLogs(userDataDir);
  return agent.some(({ text }) => /Extension Host Process exited/.test(text))
    || exthost.some(({ text }) => /Extension host with pid \d+ exiting/.test(text));
}

/** True once the extension host log says it started activating our extension. */
export function activationSeen(userDataDir, extensionId = EXTENSION_ID) {
  return extensionLogs(userDataDir).exthost.some(({ text }) => text.includes(`_doActivateExtension ${extensionId}`));
}

if (process.argv[1]?.endsWith('/scripts/code-server.mjs')) {
  // `node scripts/code-server.mjs` installs (or checks) the cached code-server.
  try {
    console.log(ensureCodeServer());
  } catch (error) {
    console.error(error instanceof MissingToolError ? error.message : error);
    process.exit(1);
  }
}

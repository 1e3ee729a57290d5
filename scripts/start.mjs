// `npm start`: real VS Code (code-server) in the browser with the freshly packaged extension
// and a sample workspace of digests. Run after `npm run package` (npm start does both).
//   PORT                    port on 127.0.0.1 (default 8080)
//   PAPER_READER_WORKSPACE  workspace to open (default: <cache>/sample-workspace, seeded from test/fixtures)
//   PAPER_READER_CACHE      cache folder (default: ~/.cache/paper-digest-reader)
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { MissingToolError, cacheRoot, ensureCodeServer, installVsix, startCodeServer, workbenchUrl } from './code-server.mjs';

const REPO = resolve(import.meta.dirname, '..');
const VSIX = join(REPO, 'dist', 'paper-digest-reader.vsix');
const FIXTURES = join(REPO, 'test', 'fixtures');

/**
 * Copies the seed digests (the top-level .txt/.md files of test/fixtures; its subfolders
 * hold test inputs) that are not there yet; never overwrites what the user changed.
 */
function seedWorkspace(workspace) {
  mkdirSync(workspace, { recursive: true });
  let copied = 0;
  for (const entry of readdirSync(FIXTURES, { withFileTypes: true })) {
    const name = entry.name;
    if (!entry.isFile() || !/\.(txt|md)$/.test(name)) continue;
    const target = join(workspace, name);
    if (existsSync(target)) continue;
    copyFileSync(join(FIXTURES, name), target);
    copied++;
  }
  return copied;
}

function portIsFree(port, host) {
  return new Promise((resolvePort) => {
    const probe = createServer();
    probe.once('error', () => resolvePort(false));
    probe.listen(port, host, () => probe.close(() => resolvePort(true)));
  });
}

async function main() {
  const host = '127.0.0.1';
  const port = Number(process.env.PORT || 8080);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new MissingToolError(`PORT=${process.env.PORT} is not a port number`);
  if (!existsSync(VSIX)) throw new MissingToolError(`${VSIX} is missing: run \`npm start\` (it packages first) or \`npm run package\``);
  if (!(await portIsFree(port, host))) throw new MissingToolError(`port ${port} on ${host} is in use: stop what listens there or set PORT`);

  ensureCodeServer();
  const root = join(cacheRoot(), 'start');
  const extensionsDir = join(root, 'extensions');
  const userDataDir = join(root, 'user-data');
  installVsix(VSIX, { extensionsDir, userDataDir });
  const workspace = resolve(process.env.PAPER_READER_WORKSPACE || join(cacheRoot(), 'sample-workspace'));
  const copied = seedWorkspace(workspace);

  // The user's settings and UI state persist between runs, like a normal VS Code profile.
  const server = await startCodeServer({ root, extensionsDir, userDataDir, host, port, timeoutMs: 120_000 });
  console.log('\nPaper Digest Reader in VS Code (code-server)');
  console.log(`  workspace: ${workspace}${copied > 0 ? ` (${copied} sample digest${copied === 1 ? '' : 's'} copied)` : ''}`);
  console.log(`  user data: ${userDataDir}`);
  console.log(`\n  Open ${workbenchUrl(server.url, workspace)}\n\nCtrl+C stops the server.`);

  let stopping = false;
  const stop = async () => {
    stopping = true;
    await server.stop();
    process.exit(0);
  };
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  server.process.once('exit', (code, signal) => {
    if (stopping) return;
    console.error(`code-server stopped (${code ?? signal}):\n${server.output().split('\n').slice(-20).join('\n')}`);
    process.exit(code || 1);
  });
}

try {
  await main();
} catch (error) {
  console.error(error instanceof MissingToolError ? error.message : error);
  process.exit(1);
}

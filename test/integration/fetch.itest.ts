import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { suite, suiteSetup, suiteTeardown, teardown, test } from 'mocha';
import * as vscode from 'vscode';
import { paperId } from '../../src/core';
import { extension, indexedServices, waitFor, workspaceUri } from './helpers';

interface Outcome {
  day: string;
  status: string;
  uri?: vscode.Uri;
  message: string;
}

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** The real responses the fetch tests replay, from the repository (not the test workspace). */
function apiResponse(day: string): string {
  return readFileSync(join(extension().extensionUri.fsPath, 'test', 'hf-api', `${day}.json`), 'utf8');
}

/**
 * A Daily Papers API on 127.0.0.1: each test says how it answers. No test reaches any
 * other address.
 */
suite('fetch daily papers', () => {
  let server: Server;
  let endpoint = '';
  let handler: Handler = (_request, response) => response.end('[]');
  const requests: string[] = [];
  const digests = () => join(workspaceUri().fsPath, 'digests');
  const config = () => vscode.workspace.getConfiguration('paperReader.fetch');

  suiteSetup(async () => {
    server = createServer((request, response) => {
      requests.push(request.url ?? '');
      handler(request, response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/daily_papers`;
    await config().update('endpoint', endpoint, vscode.ConfigurationTarget.Workspace);
    await config().update('timeoutSeconds', 2, vscode.ConfigurationTarget.Workspace);
  });

  teardown(async () => {
    requests.length = 0;
    // File by file, as a reader deletes them: the watcher reports each.
    for (const name of files()) rmSync(join(digests(), name), { force: true });
    rmSync(digests(), { recursive: true, force: true });
    // The next suites count the workspace's digests: wait until the index has let these go.
    const s = await indexedServices();
    await waitFor(() => !s.index.digests().some((d) => d.digest.uri.includes('/digests/')), { message: 'the fetched digests to leave the index' });
  });

  suiteTeardown(async () => {
    for (const key of ['endpoint', 'timeoutSeconds', 'format']) await config().update(key, undefined, vscode.ConfigurationTarget.Workspace);
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const run = (date: string) => vscode.commands.executeCommand<Outcome[]>('paperReader.fetch.daily', { date });
  /** Nothing but the digests written on purpose: no temporary file is left behind. */
  const files = () => (existsSync(digests()) ? readdirSync(digests()).sort() : []);

  test('a day is written as a Markdown digest that the index reads with authors, arXiv ids and code', async () => {
    const s = await indexedServices();
    handler = (request, response) => {
      assert.match(request.url ?? '', /\?date=2026-08-14$/);
      response.setHeader('content-type', 'application/json');
      response.end(apiResponse('2026-08-14'));
    };
    const [outcome] = await run('2026-08-14');
    assert.equal(outcome.status, 'written', outcome.message);
    assert.deepEqual(requests, ['/api/daily_papers?date=2026-08-14']);
    assert.deepEqual(files(), ['2026-08-14.md']);
    const entries = JSON.parse(apiResponse('2026-08-14')) as { title: string; paper: { id: string; authors: { name: string }[]; githubRepo?: string } }[];
    const first = entries[0];
    const paper = await waitFor(() => s.index.paper(paperId(first.title))?.paper, { message: 'the first fetched paper in the index' });
    assert.equal(paper.arxivId, first.paper.id);
    assert.deepEqual(paper.authors, first.paper.authors.map((a) => a.name));
    assert.equal(paper.code, first.paper.githubRepo);
    assert.equal(s.index.digest(vscode.Uri.file(join(digests(), '2026-08-14.md')).toString())?.digest.papers.length, entries.length);
  });

  test('fetching the day again changes only the upvotes, keeps the reader\'s edits, or says it is up to date', async () => {
    handler = (_request, response) => response.end(apiResponse('2026-08-14'));
    await run('2026-08-14');
    const file = join(digests(), '2026-08-14.md');
    const edited = readFileSync(file, 'utf8').replace(/\n/, '\n\nMy reading plan for the day.\n');
    await vscode.workspace.fs.writeFile(vscode.Uri.file(file), new TextEncoder().encode(edited));
    const [same] = await run('2026-08-14');
    assert.equal(same.status, 'up-to-date', same.message);
    assert.equal(readFileSync(file, 'utf8'), edited);

    const entries = JSON.parse(apiResponse('2026-08-14')) as { paper: { upvotes: number } }[];
    entries[0].paper.upvotes += 7;
    handler = (_request, response) => response.end(JSON.stringify(entries));
    const [updated] = await run('2026-08-14');
    assert.equal(updated.status, 'updated', updated.message);
    const text = readFileSync(file, 'utf8');
    assert.ok(text.includes('My reading plan for the day.'), 'the reader\'s line is kept');
    assert.ok(text.includes(String(entries[0].paper.upvotes)), 'the new upvote count is written');
    assert.deepEqual(files(), ['2026-08-14.md']);
  });

  test('with paperReader.fetch.format "json" the response is written as it came', async () => {
    await config().update('format', 'json', vscode.ConfigurationTarget.Workspace);
    try {
      handler = (_request, response) => response.end(apiResponse('2024-05-27'));
      const [outcome] = await run('2024-05-27');
      assert.equal(outcome.status, 'written', outcome.message);
      assert.equal(readFileSync(join(digests(), '2024-05-27.json'), 'utf8'), apiResponse('2024-05-27'));
      // The saved response is a digest of the workspace as it is.
      const s = await indexedServices();
      const count = (JSON.parse(apiResponse('2024-05-27')) as unknown[]).length;
      const uri = vscode.Uri.file(join(digests(), '2024-05-27.json')).toString();
      await waitFor(() => s.index.digest(uri)?.digest.papers.length === count, { message: 'the JSON digest in the index' });
      assert.equal(s.index.digest(uri)?.digest.digestDate, 'May 27');
    } finally {
      await config().update('format', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  test('a day without papers says so and writes nothing', async () => {
    handler = (_request, response) => response.end('[]');
    const [outcome] = await run('2026-08-15');
    assert.equal(outcome.status, 'empty');
    assert.match(outcome.message, /2026-08-15/);
    assert.deepEqual(files(), []);
  });

  const failures: [string, Handler, RegExp][] = [
    ['HTTP 404', (_q, r) => { r.statusCode = 404; r.end('not found'); }, /HTTP 404/],
    ['HTTP 429', (_q, r) => { r.statusCode = 429; r.end(); }, /too many requests/],
    ['HTTP 503', (_q, r) => { r.statusCode = 503; r.end(); }, /HTTP 503/],
    ['a body of another shape', (_q, r) => r.end('{"status": "ok", "data": []}'), /not a Daily Papers list/],
    ['truncated JSON', (_q, r) => r.end(apiResponse('2026-08-14').slice(0, 5000)), /not a Daily Papers list/],
    ['a dropped connection', (q) => q.socket.destroy(), /could not be reached/],
    ['no answer in time', () => undefined, /no answer within 2 s/],
  ];
  for (const [name, failing, message] of failures) {
    test(`${name}: a message naming the day and the cause, and no file`, async () => {
      handler = failing;
      const [outcome] = await run('2026-08-13');
      assert.equal(outcome.status, 'failed');
      assert.match(outcome.message, /2026-08-13/);
      assert.match(outcome.message, message);
      assert.deepEqual(files(), []);
    });
  }

  test('a server that is not there at all is reported as unreachable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await config().update('endpoint', `http://127.0.0.1:${port}/api/daily_papers`, vscode.ConfigurationTarget.Workspace);
    try {
      const [outcome] = await run('2026-08-13');
      assert.equal(outcome.status, 'failed');
      assert.match(outcome.message, /could not be reached \(ECONNREFUSED\)/);
      assert.deepEqual(files(), []);
    } finally {
      await config().update('endpoint', endpoint, vscode.ConfigurationTarget.Workspace);
    }
  });

  test('paperReader.fetch.onStartup fetches today\'s list once a day in a workspace with digests', async () => {
    handler = (_request, response) => response.end(apiResponse('2026-08-14'));
    const today = new Date().toISOString().slice(0, 10);
    try {
      await config().update('onStartup', true, vscode.ConfigurationTarget.Workspace);
      await waitFor(() => existsSync(join(digests(), `${today}.md`)), { timeout: 15_000, message: 'today\'s digest' });
      assert.deepEqual(requests, [`/api/daily_papers?date=${today}`]);
      // Once a day: turning it off and on again asks for nothing more.
      await config().update('onStartup', false, vscode.ConfigurationTarget.Workspace);
      await config().update('onStartup', true, vscode.ConfigurationTarget.Workspace);
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.equal(requests.length, 1);
    } finally {
      await config().update('onStartup', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  test('a hostile date argument is refused before any request', async () => {
    for (const date of ['../../etc', '2026-02-30', '2026-08-14T00:00', '9999-01-01']) {
      const result = await vscode.commands.executeCommand<Outcome[] | undefined>('paperReader.fetch.daily', { date });
      assert.equal(result, undefined, date);
    }
    assert.deepEqual(requests, []);
  });
});

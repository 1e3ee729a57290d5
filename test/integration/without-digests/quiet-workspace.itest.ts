/**
 * Runs in a window of its own on an empty workspace (see scripts/test-vscode.mjs): it
 * fills it with the files of a documentation repository, none of them a digest, and
 * checks that the extension costs nothing there until its view is opened, and little then.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { suite, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import { SNIFF_BYTES } from '../../../src/core';
import { WorkspaceIndex } from '../../../src/services/library/workspace-index';
import { nodeHost } from '../../../src/services/library/node-host';
import type { Services } from '../../../src/services';
import { extension, waitFor, workspaceFolder } from '../helpers';

const FILE_COUNT = 2000;

/** A deterministic stream of numbers in [0, 1). */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = 'the a parser returns tokens for each line of input and the cache keeps them until the file changes configuration option default value build step test runner release notes migration guide api endpoint request response error handling'.split(' ');

/** Pages of a documentation repository: guides, API pages, changelogs, READMEs, meeting notes, logs. */
function documentationRepository(count: number): Map<string, string> {
  const random = prng(7);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const sentence = () => {
    const words = Array.from({ length: 6 + Math.floor(random() * 14) }, () => pick(WORDS));
    return `${words.join(' ').replace(/^./, (c) => c.toUpperCase())}.`;
  };
  const paragraph = () => Array.from({ length: 2 + Math.floor(random() * 5) }, sentence).join(' ');
  const files = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    const n = String(i).padStart(4, '0');
    const kind = i % 10;
    if (kind < 6) {
      const sections = Array.from({ length: 2 + Math.floor(random() * 6) }, (_, s) => {
        const body = [paragraph(), random() < 0.4 ? '```ts\nconst result = parse(input, { strict: true });\n```' : `- ${sentence()}\n- ${sentence()}`];
        if (random() < 0.2) body.push('| option | default |\n| --- | --- |\n| strict | false |');
        // Some pages carry a date, which makes their head worth the worker's look.
        if (random() < 0.1) body.push(`Last reviewed on Mar ${1 + (s % 28)}, 2024.`);
        return `## ${pick(['Install', 'Usage', 'Options', 'Errors', 'Examples', 'Migration'])} ${s + 1}\n\n${body.join('\n\n')}`;
      });
      // A long page now and then: more than the head that is checked.
      const extra = i % 97 === 0 ? `\n\n${Array.from({ length: 400 }, paragraph).join('\n\n')}` : '';
      files.set(`docs/${pick(['guide', 'api', 'reference', 'howto'])}/page-${n}.md`, `# Page ${n}\n\n${paragraph()}\n\n${sections.join('\n\n')}${extra}\n`);
    } else if (kind === 6) {
      files.set(`packages/pkg-${n}/CHANGELOG.md`, `# Changelog\n\n## 1.${i % 9}.0 (2024-0${1 + (i % 9)}-1${i % 10})\n\n- ${sentence()}\n- ${sentence()}\n\n## 1.0.0 (2023-11-19)\n\n- First release.\n`);
    } else if (kind === 7) {
      files.set(`packages/pkg-${n}/README.md`, `# pkg-${n}\n\n${paragraph()}\n\n## Install\n\n\`\`\`sh\nnpm install pkg-${n}\n\`\`\`\n`);
    } else if (kind === 8) {
      files.set(`notes/meeting-${n}.txt`, `Meeting notes, Nov ${1 + (i % 28)}\n\nPresent: Ana, Bo, Chen\n\n${paragraph()}\n\nActions:\n- ${sentence()}\n- ${sentence()}\n`);
    } else {
      files.set(`logs/build-${n}.txt`, Array.from({ length: 30 + Math.floor(random() * 200) }, (_, l) => `[${l}] ${sentence()}`).join('\n'));
    }
  }
  return files;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took more than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

let totalBytes = 0;
/** What the first look reads of each file: its head. */
let headBytes = 0;
const made: WorkspaceIndex[] = [];

suite('a workspace without digests', () => {
  suiteTeardown(() => made.forEach((index) => index.dispose()));

  test('the extension stays inactive while ordinary Markdown and text files are written and opened', async () => {
    assert.equal(extension().isActive, false, 'nothing started the extension with the window');
    const root = workspaceFolder().uri.fsPath;
    const files = documentationRepository(FILE_COUNT);
    // An hour old: these files have been left alone since (a file read a moment after it
    // changed is read again by the next window, however unchanged it looks).
    const past = new Date(Date.now() - 3_600_000);
    for (const [path, text] of files) {
      const file = join(root, path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
      utimesSync(file, past, past);
      totalBytes += Buffer.byteLength(text);
      headBytes += Math.min(Buffer.byteLength(text), SNIFF_BYTES);
    }
    // Two more, opened in editors and gone again before the view opens, so the counts below are the 2,000's.
    const opened = [['README.md', `# Docs\n\n${files.get([...files.keys()][0])}`], ['notes.txt', 'Notes from Nov 6: nothing to add.\n']];
    for (const [name, text] of opened) {
      writeFileSync(join(root, name), text);
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.file(join(root, name))));
    }
    const languages = vscode.workspace.textDocuments.filter((d) => opened.some(([name]) => d.uri.path.endsWith(`/${name}`))).map((d) => d.languageId).sort();
    assert.deepEqual(languages, ['markdown', 'plaintext'], 'a Markdown and a text file are open');
    assert.equal(extension().isActive, false, 'opening an ordinary .md or .txt file starts nothing');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const [name] of opened) rmSync(join(root, name));
  });

  test('opening the Papers view starts it, and it finds no digest within a second of its own work, decoding no file whole', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.paperReader');
    const exports = await waitFor(() => extension().isActive && extension().exports, { timeout: 30_000, message: 'the view to start the extension' });
    const index = (exports as unknown as { services: Services }).services.index as unknown as WorkspaceIndex;
    // Within a second of its own work. Listing the candidates is VS Code's file search,
    // whose first run in a window took 0.3 to 0.8 s alone on a busy 2-core machine.
    await withTimeout(index.ready(), 10_000, 'the first scan');
    const scan = index.lastScan!;
    assert.ok(scan.totalMs - scan.listedMs < 1000, `the scan took ${scan.totalMs} ms, ${scan.listedMs} ms of it listing the files`);
    assert.equal(index.digests().length, 0);
    assert.equal(index.papers().length, 0);
    const { sniffed, rejected, readWhole, offThread, onHost, plainText, bytesRead } = index.stats;
    assert.deepEqual({ sniffed, rejected, readWhole, parsed: offThread + onHost + plainText }, { sniffed: FILE_COUNT, rejected: FILE_COUNT, readWhole: 0, parsed: 0 });
    assert.equal(bytesRead, headBytes, 'each file\'s head read once, and no more of it');
    assert.ok(headBytes < totalBytes, 'some files are longer than their head');
  });

  test('the next window on the workspace reads none of its files', async () => {
    const exports = extension().exports as unknown as { services: Services };
    const index = exports.services.index as unknown as WorkspaceIndex;
    await index.flushStore();
    const next = new WorkspaceIndex(exports.services.log, {
      host: nodeHost,
      storageUri: exports.services.context.storageUri,
      workerScript: vscode.Uri.joinPath(extension().extensionUri, 'dist', 'digest-worker.js'),
    });
    made.push(next);
    await next.ready();
    assert.equal(next.digests().length, 0);
    assert.deepEqual({ sniffed: next.stats.sniffed, bytesRead: next.stats.bytesRead }, { sniffed: 0, bytesRead: 0 });
  });
});

// The card's image policy follows paperReader.notes.loadRemoteImages: off (the default), its
// CSP loads no image from the web and the notes show a placeholder; on, both let images through.
import * as assert from 'node:assert/strict';
import { suite, suiteSetup, suiteTeardown, teardown, test } from 'mocha';
import * as vscode from 'vscode';
import { paperId } from '../../src/core';
import { AnnotationComment } from '../../src/features/annotations/comments';
import { buildCard } from '../../src/features/card/card-data';
import { cardHtml } from '../../src/features/card/card-html';
import { cardSources } from '../../src/features/card/card-sources';
import type { Services } from '../../src/services';
import { api, readyApi, waitFor } from './helpers';

const MARKOV = 'The Markovian Thinker';
const ID = paperId(MARKOV);
const FIGURE = '![curve](https://figures.example.org/curve.png)';

/** The webview fields cardHtml reads. */
const webview = { cspSource: 'https://card.example', asWebviewUri: (uri: vscode.Uri) => uri } as unknown as vscode.Webview;

function imgSrc(html: string): string {
  const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1] ?? '';
  return csp.split(';').map((part) => part.trim()).find((part) => part.startsWith('img-src')) ?? '';
}

async function setLoadRemoteImages(value: boolean | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('paperReader.notes').update('loadRemoteImages', value, vscode.ConfigurationTarget.Workspace);
}

suite('remote images in the card', () => {
  let services: Services;
  let before: Uint8Array | undefined;
  suiteSetup(async () => {
    await readyApi();
    services = ((await api()) as unknown as { services: Services }).services;
    await services.store.ready();
    const file = services.store.fileUri(ID);
    before = file && (await vscode.workspace.fs.readFile(file).then((bytes) => bytes, () => undefined));
    await services.store.update(ID, MARKOV, (note) => { note.body = `A figure:\n\n${FIGURE}\n`; });
  });
  teardown(() => setLoadRemoteImages(undefined));
  // Other suites use this paper's notes: leave its file as it was found.
  suiteTeardown(async () => {
    const file = services.store.fileUri(ID);
    if (!file) return;
    if (before) await vscode.workspace.fs.writeFile(file, before);
    else await vscode.workspace.fs.delete(file).then(undefined, () => undefined);
    await waitFor(() => (services.store.get(ID)?.body ?? '') !== `A figure:\n\n${FIGURE}\n`, { message: 'the note as it was' });
  });

  test('are blocked by default: no https: in img-src, a placeholder in the notes', () => {
    const extension = services.context.extensionUri;
    const sources = cardSources(services);
    assert.equal(sources.notesHtmlOptions?.remoteImages, false);
    assert.equal(imgSrc(cardHtml(webview, extension, sources.notesHtmlOptions?.remoteImages)), 'img-src https://card.example data:');
    const html = buildCard(sources, ID)?.notesHtml ?? '';
    assert.match(html, /<button type="button" class="remote-image" data-src="https:\/\/figures\.example\.org\/curve\.png"[^>]*>Load image from figures\.example\.org<\/button>/);
    assert.doesNotMatch(html, /<img/);
  });

  test('load when the setting allows them: https: in img-src, the image in the notes', async () => {
    await setLoadRemoteImages(true);
    const sources = cardSources(services);
    assert.equal(sources.notesHtmlOptions?.remoteImages, true);
    assert.equal(imgSrc(cardHtml(webview, services.context.extensionUri, sources.notesHtmlOptions?.remoteImages)), 'img-src https://card.example https: data:');
    assert.match(buildCard(sources, ID)?.notesHtml ?? '', /<img src="https:\/\/figures\.example\.org\/curve\.png" alt="curve">/);
  });
});

suite('remote images in annotation comments', () => {
  teardown(() => setLoadRemoteImages(undefined));
  const bodyOf = (comment: AnnotationComment) => (typeof comment.body === 'string' ? comment.body : comment.body.value);

  test('are links by default, and the stored text keeps the image', () => {
    const comment = new AnnotationComment({ paperId: ID, annotationId: 'a' }, `Look: ${FIGURE}`, '');
    assert.equal(bodyOf(comment), `Look: \\${FIGURE}`);
    assert.equal(comment.currentText(), `Look: ${FIGURE}`);
  });

  test('show as images when the setting allows them', async () => {
    await setLoadRemoteImages(true);
    const comment = new AnnotationComment({ paperId: ID, annotationId: 'a' }, `Look: ${FIGURE}`, '');
    assert.equal(bodyOf(comment), `Look: ${FIGURE}`);
  });
});

import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import type { Services } from '../../src/services';
import type { TreeApi } from '../../src/features/tree';
import type { TreeNode } from '../../src/features/tree/papers-tree';
import { api, readyApi, waitFor, workspaceUri, writeText } from './helpers';

const FOLDER = 'library-of-years';
const COUNT = 70;
/** Day `i` of the library: one a week back from the last of 2019. */
const dayOf = (i: number) => new Date(Date.UTC(2019, 11, 31) - i * 7 * 86_400_000).toISOString().slice(0, 10);
/** Newer than every other digest of the workspace, so its papers are the new ones. */
const NEWEST = 'newest-digest/2099-01-01.md';

/** A Markdown digest with no date in its text: the day is in its file name only. */
function digest(titles: string[]): string {
  return ['# Papers', '', ...titles.flatMap((title) => [`## ${title}`, '', 'An abstract that says something about models and data.', '', '3 authors · Oct 1 · ▲ 5', ''])].join('\n');
}

let services: Services;
let tree: TreeApi;
const noted: string[] = [];

const label = (node: TreeNode) => (node.kind === 'group' ? node.group.label : node.paper.paper.title);
const item = (node: TreeNode) => tree.provider.getTreeItem(node);

suite('a library of years in the Papers view', () => {
  suiteSetup(async () => {
    await readyApi();
    const exported = (await api()) as unknown as { services: Services; tree: TreeApi };
    services = exported.services;
    tree = exported.tree;
    await vscode.commands.executeCommand('paperReader.tree.clearFilter');
    await vscode.commands.executeCommand('paperReader.tree.groupByDigest');
    for (let i = 0; i < COUNT; i++) await writeText(workspaceUri(FOLDER, `${dayOf(i)}.md`), digest([`Paper Of ${dayOf(i)}`]));
    await waitFor(() => services.index.digests().filter((d) => d.digest.uri.includes(`/${FOLDER}/`)).length === COUNT, { timeout: 30_000, message: `the ${COUNT} digests to be indexed` });
  });

  suiteTeardown(async () => {
    for (const id of noted) rmSync(workspaceUri('.papers', 'notes', `${id}.md`).fsPath, { force: true });
    await vscode.workspace.fs.delete(workspaceUri(FOLDER), { recursive: true });
    await vscode.workspace.fs.delete(workspaceUri('newest-digest'), { recursive: true, useTrash: false }).then(undefined, () => undefined);
    await waitFor(() => !services.index.digests().some((d) => d.digest.uri.includes(`/${FOLDER}/`) || d.digest.uri.includes('/newest-digest/')), { message: 'the test digests to leave the index' });
  });

  test('grouping by digest files them under Year › Month, each digest labelled by the day in its name', () => {
    const years = tree.provider.getChildren();
    const labels = years.map(label);
    assert.ok(labels.indexOf('2019') >= 0 && labels.indexOf('2019') < labels.indexOf('2018'), `years newest first: ${labels.join(', ')}`);
    const y2019 = years[labels.indexOf('2019')];
    const in2018 = Array.from({ length: COUNT }, (_, i) => dayOf(i)).filter((d) => d.startsWith('2018')).length;
    assert.equal(item(y2019).description, `${COUNT - in2018} digests`);
    assert.equal(item(y2019).collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    const months = tree.provider.getChildren(y2019);
    assert.equal(label(months[0]), 'December');
    const december = tree.provider.getChildren(months[0]);
    assert.deepEqual(december.slice(0, 2).map(label), ['Dec 31, 2019', 'Dec 24, 2019']);
    const first = item(december[0]);
    assert.equal(first.description, '2019-12-31.md · 1 paper');
    assert.equal(first.contextValue, 'digest');
    const papers = tree.provider.getChildren(december[0]);
    assert.deepEqual(papers.map(label), ['Paper Of 2019-12-31']);
    // Revealing a paper climbs digest › month › year.
    const month = tree.provider.getParent(papers[0]);
    assert.equal(month && label(month), 'Dec 31, 2019');
    const up = month && tree.provider.getParent(month);
    assert.equal(up && label(up), 'December');
    const top = up && tree.provider.getParent(up);
    assert.equal(top && label(top), '2019');
    assert.equal(top && tree.provider.getParent(top), undefined);
  });

  test('a paper row gets its tooltip when the pointer rests on it, not with the row: a refresh escapes no abstracts', () => {
    const year = tree.provider.getChildren().find((node) => label(node) === '2019')!;
    const [month] = tree.provider.getChildren(year);
    const [day] = tree.provider.getChildren(month);
    const [paper] = tree.provider.getChildren(day);
    assert.equal(label(paper), 'Paper Of 2019-12-31');
    const row = item(paper);
    assert.equal(row.tooltip, undefined, 'the row is made without its tooltip');
    const resolved = tree.provider.resolveTreeItem(row, paper) as vscode.TreeItem;
    const tooltip = resolved.tooltip;
    assert.ok(tooltip instanceof vscode.MarkdownString, 'the tooltip is Markdown');
    // As text: Markdown in a title or an abstract is escaped, and spaces stay spaces.
    assert.ok(tooltip.value.startsWith('**Paper Of 2019\\-12\\-31**'), tooltip.value);
    assert.ok(tooltip.value.includes('An abstract that says something about models and data\\.'), tooltip.value);
    assert.ok(tooltip.value.includes('unread'), tooltip.value);
    // A group row keeps its own tooltip (the digest's path) and is left as it is.
    const dayRow = item(day);
    assert.equal(tree.provider.resolveTreeItem(dayRow, day), dayRow);
  });

  test('the badge counts the new unread papers and follows the library and the notes', async () => {
    await writeText(workspaceUri(NEWEST), digest(['First Paper Of The Future', 'Second Paper Of The Future']));
    // Other digests of the workspace may give a badge of 2 too: the new digest must be in first.
    const second = await waitFor(() => services.index.papers().find((p) => p.paper.title === 'Second Paper Of The Future'), { message: 'the newest digest indexed' });
    const badge = await waitFor(() => (tree.view.badge?.value === 2 ? tree.view.badge : undefined), { message: 'a badge of 2 new unread papers' });
    assert.equal(badge.tooltip, '2 new unread papers (only in the newest digest)');
    noted.push(second.id);
    await services.store.update(second.id, second.paper.title, (note) => {
      note.status = 'read';
    });
    const one = await waitFor(() => (tree.view.badge?.value === 1 ? tree.view.badge : undefined), { message: 'a badge of 1 once one is read' });
    assert.equal(one.tooltip, '1 new unread paper (only in the newest digest)');
    await services.store.update(second.id, second.paper.title, (note) => {
      note.status = 'unread';
    });
    await vscode.workspace.fs.delete(workspaceUri('newest-digest'), { recursive: true });
    // The newest digest is a seed one again: its papers are new, whatever their count.
    await waitFor(() => !services.index.digests().some((d) => d.digest.uri.includes('/newest-digest/')), { message: 'the newest digest to leave' });
    const newest = services.index.digests()[0];
    const expected = services.index.papers().filter((p) => p.isNew && (services.store.get(p.id)?.status ?? 'unread') === 'unread').length;
    assert.ok(newest && !newest.digest.uri.includes('newest-digest'));
    await waitFor(() => (expected === 0 ? tree.view.badge === undefined : tree.view.badge?.value === expected), { message: `a badge of ${expected}` });
  });
});

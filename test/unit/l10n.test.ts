import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertManifest, manifestStrings, placeholderKey } from '../../scripts/l10n-manifest.mjs';
import { bareStrings, l10nMessages, parseSources } from './l10n-source';

const root = join(import.meta.dirname, '..', '..');
const readJson = <T = Record<string, string>>(file: string): T => JSON.parse(readFileSync(join(root, file), 'utf8')) as T;
const manifest = readJson<Record<string, unknown>>('package.json');
const nls = readJson('package.nls.json');
const bundle = readJson<Record<string, string | { message: string }>>('l10n/bundle.l10n.json');
const LANGUAGES = ['zh-cn'];

/** Literals that are examples or formats, the same in every language. */
const NOT_WORDS = new Set(["'https://'", "'YYYY-MM-DD'", "'diffusion tag:rl is:starred'"]);

const placeholders = (text: string) => [...new Set(text.match(/\{\d+\}/g) ?? [])].sort();
const english = (message: string | { message: string }) => (typeof message === 'string' ? message : message.message);

describe('the manifest speaks through package.nls.json', () => {
  it('has no literal string a reader sees, and every %key% has an English message', () => {
    const sites = manifestStrings(manifest);
    expect(sites.length).toBeGreaterThan(50);
    expect(sites.filter((site) => placeholderKey(site.value) === undefined).map((site) => `${site.key}: ${site.value}`)).toEqual([]);
    expect(sites.map((site) => placeholderKey(site.value)).filter((key) => key === undefined || !(key in nls))).toEqual([]);
    expect(manifest.l10n).toBe('./l10n');
  });

  it('has no message that the manifest no longer uses', () => {
    const used = new Set(manifestStrings(manifest).map((site) => placeholderKey(site.value)));
    expect(Object.keys(nls).filter((key) => !used.has(key))).toEqual([]);
  });

  it('converts only the new literals on a second run, with keys from their place', () => {
    const again = convertManifest(manifest, nls);
    expect(again.added).toEqual([]);
    expect(again.manifest).toEqual(manifest);
    expect(again.messages).toEqual(nls);

    const grown = structuredClone(manifest) as { contributes: { commands: Record<string, unknown>[]; configuration: { properties: Record<string, unknown> } } };
    grown.contributes.commands.push({ command: 'paperReader.example.run', title: 'Run Example', category: 'Papers' }, { command: 'paperReader.example.other', title: 'Other', category: 'Examples' });
    grown.contributes.configuration.properties['paperReader.example'] = { type: 'string', enum: ['a', 'b'], enumDescriptions: ['First', 'Second'], description: 'An example.' };
    const result = convertManifest(grown, nls);
    expect(result.added).toEqual([
      'config.paperReader.example.enumDescriptions.a', 'config.paperReader.example.enumDescriptions.b', 'config.paperReader.example.description',
      'commands.paperReader.example.run.title', 'commands.paperReader.example.other.title', 'category.examples',
    ]);
    expect(result.changed).toEqual([]);
    expect(result.manifest.contributes).toMatchObject({ commands: expect.arrayContaining([{ command: 'paperReader.example.run', title: '%commands.paperReader.example.run.title%', category: '%category.papers%' }]) });
    expect(result.messages).toMatchObject({ 'category.examples': 'Examples' });
    expect(convertManifest(result.manifest, result.messages).added).toEqual([]);
  });

  it('gives a literal whose key another string holds a key of its own, and re-keys a changed literal', () => {
    const twoWelcomes = { contributes: { viewsWelcome: [{ view: 'v', contents: '%viewsWelcome.v.contents%' }, { view: 'v', contents: 'Second' }] } };
    const result = convertManifest(twoWelcomes, { 'viewsWelcome.v.contents': 'First' });
    expect(result.messages).toEqual({ 'viewsWelcome.v.contents': 'First', 'viewsWelcome.v.contents.2': 'Second' });
    const retitled = convertManifest({ contributes: { commands: [{ command: 'c', title: 'New title' }] } }, { 'commands.c.title': 'Old title' });
    expect(retitled.messages).toEqual({ 'commands.c.title': 'New title' });
    expect(retitled.changed).toEqual(['commands.c.title']);
  });
});

describe('l10n/bundle.l10n.json', () => {
  const messages = l10nMessages(parseSources());

  it('holds every message of the code and the webviews, and nothing else', () => {
    expect(messages.length).toBeGreaterThan(200);
    expect(messages.filter((m) => !(m.text in bundle)).map((m) => `${m.where}: ${m.text}`)).toEqual([]);
    const inCode = new Set(messages.map((m) => m.text));
    expect(Object.keys(bundle).filter((key) => !inCode.has(key))).toEqual([]);
  });

  it('leaves no string a reader sees outside vscode.l10n.t', () => {
    expect(bareStrings(parseSources()).filter((found) => !NOT_WORDS.has(found.text)).map((f) => `${f.where}: ${f.text}`)).toEqual([]);
  });
});

describe.each(LANGUAGES)('the %s translation', (language) => {
  const files: [string, Record<string, string>, Record<string, string>][] = [
    [`package.nls.${language}.json`, nls, readJson(`package.nls.${language}.json`)],
    [`l10n/bundle.l10n.${language}.json`, Object.fromEntries(Object.entries(bundle).map(([key, value]) => [key, english(value)])), readJson(`l10n/bundle.l10n.${language}.json`)],
  ];

  it.each(files)('%s translates every message and no other', (_, source, translation) => {
    expect(Object.keys(source).filter((key) => typeof translation[key] !== 'string' || translation[key].trim() === '')).toEqual([]);
    expect(Object.keys(translation).filter((key) => !(key in source))).toEqual([]);
  });

  it.each(files)('%s keeps the placeholders, links and setting references of each message', (_, source, translation) => {
    const kept = (text: string) => [placeholders(text), text.match(/\]\([^)]*\)|`#[\w.]+#`/g) ?? []];
    const broken = Object.keys(source).filter((key) => key in translation && JSON.stringify(kept(source[key])) !== JSON.stringify(kept(translation[key])));
    expect(broken.map((key) => `${key}: ${translation[key]}`)).toEqual([]);
  });
});

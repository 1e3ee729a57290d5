// Keeps the extension's English messages in step with the code (`npm run l10n`, also run by
// `npm run build`):
//  - every literal string of package.json a reader sees moves into package.nls.json, leaving a
//    "%key%" placeholder (scripts/l10n-manifest.mjs);
//  - l10n/bundle.l10n.json is extracted by @vscode/l10n-dev from the vscode.l10n.t calls in src/,
//    plus the webviews' words (the *_TEXT tables of src/core/protocol, which the host passes
//    through vscode.l10n.t one by one, so no extractor sees them as literals);
//  - each translation (package.nls.<lang>.json, l10n/bundle.l10n.<lang>.json) is put in the
//    English file's order; messages no longer used are dropped, and missing ones are listed.
// Files are written only when their content changes. `--check` writes nothing and fails when
// a file would change (for CI).
import { existsSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { convertManifest } from './l10n-manifest.mjs';

const root = resolve(import.meta.dirname, '..');
const check = process.argv.includes('--check');
/** Under `npm run build` a missing extractor only skips the bundle, so a build never depends on it. */
const optionalExtractor = process.argv.includes('--if-available');
let stale = false;

const readJson = (file, fallback) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : fallback);

/** Writes `value` as JSON when it differs from the file; in --check mode only reports it. */
function writeJson(file, value) {
  const text = `${JSON.stringify(value, null, 2)}\n`;
  if (existsSync(file) && readFileSync(file, 'utf8') === text) return;
  if (check) {
    console.error(`l10n: ${file.slice(root.length + 1)} is out of date; run npm run l10n`);
    stale = true;
    return;
  }
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
  console.log(`l10n: wrote ${file.slice(root.length + 1)}`);
}

function sourceFiles(dir) {
  return readdirSync(join(root, dir), { recursive: true })
    .map(String)
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
    .sort()
    .map((name) => join(root, dir, name));
}

/** The string values of every `export const <NAME>_TEXT = { ... } as const` in the file. */
function textTables(file) {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const strings = [];
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (!ts.isIdentifier(declaration.name) || !/_TEXT$/.test(declaration.name.text) || !declaration.initializer) continue;
      let init = declaration.initializer;
      while (ts.isAsExpression(init) || ts.isSatisfiesExpression(init)) init = init.expression;
      if (!ts.isObjectLiteralExpression(init)) continue;
      for (const property of init.properties) {
        if (ts.isPropertyAssignment(property) && ts.isStringLiteralLike(property.initializer)) strings.push(property.initializer.text);
      }
    }
  }
  return strings;
}

async function loadExtractor() {
  try {
    return (await import('@vscode/l10n-dev')).getL10nJson;
  } catch (error) {
    if (optionalExtractor) {
      console.warn('l10n: @vscode/l10n-dev is not installed; l10n/bundle.l10n.json left as it is');
      return undefined;
    }
    throw error;
  }
}

/** The English message bundle: the vscode.l10n.t literals of src/ and the webviews' tables. */
async function extractBundle(getL10nJson) {
  const files = sourceFiles('src');
  const bundle = await getL10nJson(files.map((file) => ({ contents: readFileSync(file, 'utf8'), extension: '.ts' })));
  for (const file of files) {
    for (const text of textTables(file)) bundle[text] ??= text;
  }
  return bundle;
}

/**
 * Puts each translation in the English file's order, dropping unused messages and those whose
 * English changed (`outdated`): a translation of the old text would say something else.
 */
function syncTranslations(dir, prefix, english, outdated = []) {
  const names = readdirSync(dir).filter((n) => n.startsWith(`${prefix}.`) && n.endsWith('.json') && n !== `${prefix}.json`);
  for (const name of names.sort()) {
    const file = join(dir, name);
    const translation = readJson(file, {});
    for (const key of outdated) delete translation[key];
    const synced = {};
    const missing = [];
    for (const key of Object.keys(english)) {
      if (typeof translation[key] === 'string') synced[key] = translation[key];
      else missing.push(key);
    }
    const dropped = Object.keys(translation).filter((key) => !(key in english));
    for (const key of dropped) console.log(`l10n: ${name}: dropped "${key}" (no longer used)`);
    if (missing.length > 0) {
      const shown = missing.slice(0, 10).map((key) => `\n  ${JSON.stringify(key)}`).join('');
      console.warn(`l10n: ${name}: ${missing.length} messages to translate:${shown}${missing.length > 10 ? '\n  ...' : ''}`);
    }
    writeJson(file, synced);
  }
}

const manifestFile = join(root, 'package.json');
const nlsFile = join(root, 'package.nls.json');
const result = convertManifest(readJson(manifestFile), readJson(nlsFile, {}));
for (const key of result.missing) console.error(`l10n: package.json uses %${key}% but package.nls.json has no such message`);
for (const key of result.changed) console.warn(`l10n: the English of "${key}" changed: translate it again`);
writeJson(manifestFile, result.manifest);
writeJson(nlsFile, result.messages);
syncTranslations(root, 'package.nls', result.messages, result.changed);

const getL10nJson = await loadExtractor();
if (getL10nJson) {
  const bundle = await extractBundle(getL10nJson);
  writeJson(join(root, 'l10n', 'bundle.l10n.json'), bundle);
  syncTranslations(join(root, 'l10n'), 'bundle.l10n', bundle);
}
if (result.missing.length > 0 || stale) process.exitCode = 1;

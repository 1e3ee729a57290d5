// Writes dist/README.md, the README that goes into the .vsix (vsce --readme-path): the
// repository's README with each image it shows from the repository inlined as a data: URI.
// VS Code's details page of an installed extension renders the README in a webview whose
// content policy admits only https: and data: images, and resolves a relative path against
// the webview, not the extension: an inlined image is the one that shows there, offline too.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const TYPES = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp' };

/** The README with every `![alt](relative/path)` of a raster image replaced by its data: URI. */
export function inlineImages(markdown, readFile) {
  return markdown.replace(/!\[([^\]]*)\]\(([^)\s]+)\)/g, (whole, alt, target) => {
    if (/^[a-z][\w+.-]*:/i.test(target)) return whole;
    const type = TYPES[extname(target).toLowerCase()];
    if (!type) throw new Error(`README image ${target}: only ${Object.keys(TYPES).join(', ')} images can be inlined (VS Code refuses SVG data URIs)`);
    return `![${alt}](data:${type};base64,${readFile(target).toString('base64')})`;
  });
}

const readme = readFileSync(join(root, 'README.md'), 'utf8');
mkdirSync(join(root, 'dist'), { recursive: true });
writeFileSync(join(root, 'dist', 'README.md'), inlineImages(readme, (path) => readFileSync(join(root, path))));

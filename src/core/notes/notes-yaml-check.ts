/**
 * What in a notes file's frontmatter the extension can read but not write back
 * faithfully.
 *
 * Saving rewrites the YAML document: keys are put in their fixed order and changed
 * fields get new nodes. That keeps plain YAML as written (comments, unknown keys,
 * quoting, flow or block style), but not:
 *   - aliases (`*name`): a key moved above its anchor no longer resolves, and a
 *     replaced node drops the anchor others point at;
 *   - merge keys (`<<: *base`): YAML 1.1 readers merge them, this one keeps them
 *     as a plain key, so a rewrite can change what other tools read;
 *   - explicit tags (`!foo`, `!!binary`): their meaning belongs to the tool that
 *     wrote them;
 *   - anything the yaml library warns about while reading (an unresolved tag, say).
 * A file with any of these is read, and saved as long as only the body changes (the
 * frontmatter is then kept byte for byte), but never has its frontmatter rewritten.
 *
 * The walk is iterative: how deep the YAML nests costs no stack here.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Document } from 'yaml';

export interface YamlFinding {
  /** Offset in the YAML text of the first construct that cannot be written back. */
  offset: number;
  reason: string;
}

export interface YamlScan {
  /** Alias nodes in the document. */
  aliases: number;
  /** Offset of the first alias, when there is one. */
  firstAlias?: number;
  /** The first construct that cannot be written back, if any. */
  unwritable?: YamlFinding;
  /** Nodes visited. */
  steps: number;
}

function start(node: unknown): number {
  return (node as { range?: [number, number, number] }).range?.[0] ?? 0;
}

export function scanYaml(doc: Document): YamlScan {
  const scan: YamlScan = { aliases: 0, steps: 0 };
  const found = (node: unknown, reason: string): void => {
    if (!scan.unwritable || start(node) < scan.unwritable.offset) scan.unwritable = { offset: start(node), reason };
  };
  const stack: unknown[] = [doc.contents];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    scan.steps++;
    if (node === null) continue;
    if (isPair(node)) {
      if (isScalar(node.key) && node.key.value === '<<') found(node.key, 'it uses the YAML merge key "<<"');
      stack.push(node.value ?? null, node.key ?? null);
      continue;
    }
    if (isAlias(node)) {
      scan.aliases++;
      if (scan.firstAlias === undefined || start(node) < scan.firstAlias) scan.firstAlias = start(node);
      found(node, `it uses the YAML alias "*${node.source}"`);
      continue;
    }
    if ((isScalar(node) || isMap(node) || isSeq(node)) && node.tag !== undefined) {
      found(node, `it uses the YAML tag "${shortTag(node.tag)}"`);
    }
    if (isMap(node) || isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i] ?? null);
    }
  }
  const warning = doc.warnings[0];
  if (warning && !scan.unwritable) found({ range: warning.pos }, `the YAML reader warns: ${warning.message.split('\n')[0].replace(/\s+at line \d+, column \d+:?\s*$/, '')}`);
  return scan;
}

/** `!!str` for the standard tags the way people write them; other tags as they are. */
function shortTag(tag: string): string {
  return tag.startsWith('tag:yaml.org,2002:') ? `!!${tag.slice('tag:yaml.org,2002:'.length)}` : tag;
}

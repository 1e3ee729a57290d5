// Decoding the argument of a paper command. Anything that can call executeCommand reaches the
// commands (other extensions, keybindings, `command:` links in Markdown), so the argument is
// untrusted: decoding never throws, reads only an object's own data fields (a getter or an
// inherited field is code or data of someone else's choosing) and looks at a bounded amount of it.
// VS Code's Uri class is passed in, so this runs, and is tested, without VS Code.
import { isPaperId } from '../core';

/** Tells a vscode.Uri from other objects. */
export type IsUri = (value: object) => boolean;

/** The value of an object's own data field; undefined for a getter, an inherited field or a Proxy that throws. */
export function ownField(value: unknown, name: string): unknown {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return undefined;
  try {
    const field = Object.getOwnPropertyDescriptor(value, name);
    return field && 'value' in field ? field.value : undefined;
  } catch {
    return undefined;
  }
}

/** The paper id in a command argument: an id, or an object (a tree node) whose own `id` field is one. */
export function decodePaperId(arg: unknown, isUri: IsUri): string | undefined {
  if (isPaperId(arg)) return arg;
  if (typeof arg !== 'object' || arg === null) return undefined;
  try {
    // A list (the selected tree items) and a document are not one paper.
    if (Array.isArray(arg) || isUri(arg)) return undefined;
  } catch {
    return undefined;
  }
  const id = ownField(arg, 'id');
  return isPaperId(id) ? id : undefined;
}

/**
 * True when a command was given something meant as a paper: anything but nothing, the document
 * (editor context menu) or the list of selected tree items. A paper command given such an
 * argument that is not a paper says so instead of asking which paper.
 */
export function isPaperArg(arg: unknown, isUri: IsUri): boolean {
  if (arg === undefined || arg === null) return false;
  if (typeof arg !== 'object') return true;
  try {
    return !Array.isArray(arg) && !isUri(arg);
  } catch {
    return true;
  }
}

const LABEL_LENGTH = 80;

/** What an argument that is not a paper was, in a few characters, for the message that says so. */
export function argLabel(arg: unknown): string {
  switch (typeof arg) {
    case 'string':
      return arg.slice(0, LABEL_LENGTH);
    case 'number':
    case 'bigint':
    case 'boolean':
      return String(arg).slice(0, LABEL_LENGTH);
    case 'undefined':
      return 'undefined';
    case 'symbol':
    case 'function':
      return typeof arg;
  }
  if (arg === null) return 'null';
  const id = ownField(arg, 'id');
  if (typeof id === 'string') return id.slice(0, LABEL_LENGTH);
  let list = false;
  try {
    list = Array.isArray(arg);
  } catch {
    // A revoked Proxy: shown as an object.
  }
  return list ? '[…]' : '{…}';
}

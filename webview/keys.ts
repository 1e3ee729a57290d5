/**
 * The card's single-key commands: r read, g reading, u unread, s star, n next unread. A key
 * typed into a text field (the notes, the tag input) is text, never a command, and a key with
 * a modifier belongs to VS Code.
 */
export type CardKeyAction = 'read' | 'reading' | 'unread' | 'star' | 'next';

const ACTIONS: Record<string, CardKeyAction> = { r: 'read', g: 'reading', u: 'unread', s: 'star', n: 'next' };

/** Elements whose keys are typing; the vscode-elements fields keep their input in a shadow root. */
const TYPING = new Set(['INPUT', 'TEXTAREA', 'SELECT', 'VSCODE-TEXTAREA', 'VSCODE-TEXTFIELD', 'VSCODE-SINGLE-SELECT']);

function isTyping(event: KeyboardEvent): boolean {
  for (const target of event.composedPath()) {
    if (!(target instanceof HTMLElement)) continue;
    if (TYPING.has(target.tagName) || target.isContentEditable) return true;
  }
  return false;
}

export function cardKeyAction(event: KeyboardEvent): CardKeyAction | undefined {
  if (event.defaultPrevented || event.repeat || event.isComposing || event.ctrlKey || event.metaKey || event.altKey) return undefined;
  const action = ACTIONS[event.key.toLowerCase()];
  if (!action || event.shiftKey || isTyping(event)) return undefined;
  return action;
}

// Replaces the window's prompts and messages for a test: every message is recorded, every
// question is answered with "nothing chosen", and no browser is opened. `restore()` undoes it.
import * as vscode from 'vscode';

export interface WindowStubs {
  messages: { kind: 'error' | 'warning' | 'info'; text: string }[];
  opened: string[];
  restore(): void;
}

type Mutable = Record<string, unknown>;

export function stubWindow(): WindowStubs {
  const window = vscode.window as unknown as Mutable;
  const env = vscode.env as unknown as Mutable;
  const saved: [Mutable, string, unknown][] = [];
  const replace = (target: Mutable, name: string, value: unknown) => {
    saved.push([target, name, target[name]]);
    target[name] = value;
  };
  const stubs: WindowStubs = {
    messages: [],
    opened: [],
    restore: () => {
      for (const [target, name, value] of saved.reverse()) target[name] = value;
    },
  };
  const record = (kind: 'error' | 'warning' | 'info') => (text: unknown) => {
    stubs.messages.push({ kind, text: String(text) });
    return Promise.resolve(undefined);
  };
  replace(window, 'showErrorMessage', record('error'));
  replace(window, 'showWarningMessage', record('warning'));
  replace(window, 'showInformationMessage', record('info'));
  for (const name of ['showQuickPick', 'showInputBox', 'showSaveDialog', 'showOpenDialog']) replace(window, name, () => Promise.resolve(undefined));
  replace(env, 'openExternal', (uri: unknown) => {
    stubs.opened.push(String(uri));
    return Promise.resolve(false);
  });
  return stubs;
}

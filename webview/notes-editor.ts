import type { CardState, WebviewMessage } from '../src/core/protocol';
import { h } from './dom';
import { text } from './l10n';

export const SAVE_DELAY_MS = 400;

interface TextareaElement extends HTMLElement {
  value: string;
}

/**
 * The notes textarea. What is typed is saved after a short pause, at once when the editor loses
 * focus or the card is hidden, and kept in the webview state until the host has it, so a window
 * reload in the middle of typing loses nothing.
 */
export class NotesEditor {
  readonly element: TextareaElement;
  private id: string | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The last text sent to the host and not yet seen back in a card. */
  private sent: string | undefined;
  /**
   * The host's text that the editor's text was typed from: the last text sent, or the host's text
   * when the editor took it. Sent along with each edit, so the host can merge changes made elsewhere.
   */
  private base: string | undefined;
  /** The base of the last text sent: a card still showing it was made before the host had the edit. */
  private sentFrom: string | undefined;
  /** The host's text in the last card. */
  private lastHost: string | undefined;

  constructor(
    private readonly post: (message: WebviewMessage) => void,
    private readonly saveState: (state: CardState) => void,
  ) {
    this.element = h('vscode-textarea', {
      id: 'notes', rows: '10', resize: 'vertical', placeholder: text.notesPlaceholder,
      label: text.notes, monospace: true, 'aria-describedby': 'notes-hint', 'data-key': 'notes',
    }) as TextareaElement;
    this.element.addEventListener('input', () => this.onInput());
    this.element.addEventListener('blur', () => {
      this.flush();
      // Changes made elsewhere while the reader typed show once they stop.
      setTimeout(() => {
        if (this.id && this.lastHost !== undefined) this.show(this.id, this.lastHost, true);
      }, 0);
    });
    window.addEventListener('blur', () => this.flush());
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') this.flush();
    });
    window.addEventListener('pagehide', () => this.flush());
  }

  get pending(): boolean {
    return this.timer !== undefined;
  }

  /**
   * Shows the host's copy of the notes. While the reader is typing (focus, or a save still to
   * send) their text stays; otherwise the host's copy wins, so edits made elsewhere show up.
   */
  show(id: string, body: string, samePaper: boolean, draft?: string): void {
    this.lastHost = body;
    if (!samePaper) {
      this.flush();
      this.id = id;
      this.sent = undefined;
      this.element.value = body;
      this.base = body;
    } else {
      this.id = id;
      if (this.sent === body) this.sent = undefined;
      const stale = this.sent !== undefined && body === this.sentFrom && body !== this.sent;
      const typing = this.pending || stale || this.element.matches(':focus-within');
      if (!typing) {
        // The host's text holds everything sent so far, merged with changes made elsewhere.
        if (this.element.value !== body) this.element.value = body;
        this.sent = undefined;
        this.base = body;
      }
    }
    if (draft !== undefined && draft !== body) {
      // A draft from before a reload or a hide that the host never received: restore it and save it.
      this.element.value = draft;
      this.send();
    } else if (this.sent === undefined && !this.pending) {
      this.saveState({ id });
    }
  }

  focus(): void {
    this.element.focus();
  }

  flush(): void {
    if (this.timer === undefined) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.send();
  }

  private onInput(): void {
    if (!this.id) return;
    this.saveState({ id: this.id, draft: this.element.value });
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.send();
    }, SAVE_DELAY_MS);
  }

  private send(): void {
    if (!this.id) return;
    const body = this.element.value;
    this.sent = body;
    this.saveState({ id: this.id, draft: body });
    this.post(this.base === undefined ? { type: 'editNotes', id: this.id, body } : { type: 'editNotes', id: this.id, body, base: this.base });
    // The host applies edits in order: the next one is made from this one.
    this.sentFrom = this.base;
    this.base = body;
  }
}

// The paper card's web app: renders what the host sends and reports what the reader does.
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-radio/index.js';
import '@vscode-elements/elements/dist/vscode-radio-group/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import { parseCardState, parseHostMessage, type CardState, type WebviewMessage } from '../src/core/protocol';
import { CardView } from './card-view';
import { cardKeyAction } from './keys';
import { NotesEditor } from './notes-editor';
import { showRemoteImage } from './remote-images';

const vscode = acquireVsCodeApi<CardState>();
const restored = parseCardState(vscode.getState());
let state: CardState | undefined = restored;

const post = (message: WebviewMessage) => vscode.postMessage(message);
const saveState = (next: CardState) => {
  state = { ...next, scrollY: window.scrollY };
  vscode.setState(state);
};

const root = document.getElementById('app');
if (root) {
  const notes = new NotesEditor(post, saveState);
  const view = new CardView(root, post, notes);
  view.showLoading();
  let draft = restored?.draft;
  let scroll = restored?.scrollY;

  window.addEventListener('message', (event: MessageEvent) => {
    const message = parseHostMessage(event.data);
    if (!message) return;
    switch (message.type) {
      case 'card': {
        const id = message.card.paper.id;
        const first = view.id === undefined;
        const switching = !first && view.id !== id;
        // A restored draft belongs only to the paper it was typed for.
        const pendingDraft = draft !== undefined && restored?.id === id ? draft : undefined;
        draft = undefined;
        view.render(message.card);
        if (pendingDraft !== undefined) notes.show(id, message.card.body, true, pendingDraft);
        if (first && scroll !== undefined) window.scrollTo(0, scroll);
        else if (switching) window.scrollTo(0, 0);
        scroll = undefined;
        break;
      }
      case 'missing':
        view.showMissing(message.id, message.title);
        break;
      case 'focus':
        view.focus(message.target);
        break;
      case 'image':
        showRemoteImage(root, message.url, message.dataUrl);
        break;
    }
  });

  window.addEventListener('keydown', (event) => {
    const action = cardKeyAction(event);
    if (!action) return;
    event.preventDefault();
    view.act(action);
  });

  let scrollTimer: ReturnType<typeof setTimeout> | undefined;
  window.addEventListener('scroll', () => {
    if (scrollTimer) clearTimeout(scrollTimer);
    scrollTimer = setTimeout(() => state && saveState(state), 200);
  });

  post(restored ? { type: 'ready', id: restored.id } : { type: 'ready' });
}

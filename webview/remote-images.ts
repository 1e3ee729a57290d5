// The placeholders of remote images in the notes preview (see renderNotesHtml): a click asks the
// host for the image, which comes back as a data: URL and replaces the placeholder.
import type { WebviewMessage } from '../src/core/protocol';

const SELECTOR = 'button.remote-image[data-src]';

/** Asks for the image of a clicked placeholder; true when the click was on one. */
export function onRemoteImageClick(event: MouseEvent, paperId: string | undefined, post: (message: WebviewMessage) => void): boolean {
  const button = (event.target as Element | null)?.closest<HTMLButtonElement>(SELECTOR);
  if (!button) return false;
  event.preventDefault();
  const url = button.dataset.src;
  if (url && paperId && !button.disabled) {
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    post({ type: 'loadImage', id: paperId, url });
  }
  return true;
}

/** Shows a loaded image in place of its placeholders; without one, the placeholders can be clicked again. */
export function showRemoteImage(root: ParentNode, url: string, dataUrl: string | undefined): void {
  for (const button of root.querySelectorAll<HTMLButtonElement>(SELECTOR)) {
    if (button.dataset.src !== url) continue;
    button.removeAttribute('aria-busy');
    if (dataUrl === undefined) {
      button.disabled = false;
      continue;
    }
    const image = document.createElement('img');
    image.src = dataUrl;
    image.alt = button.dataset.alt ?? '';
    image.title = url;
    button.replaceWith(image);
  }
}

// A remote image of a note, fetched by the extension when the reader clicks its placeholder
// (see renderNotesHtml): the card's page may not load images from the web itself unless the
// reader allows it, so the one image asked for comes back as a data: URL.
import { MAX_REMOTE_IMAGE_BYTES } from '../../core';

const TIMEOUT_MS = 20_000;
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif', 'image/bmp']);

/** The image at `url` as a data: URL, or why it could not be loaded. Never throws. */
export async function fetchImageDataUrl(url: string): Promise<{ dataUrl: string } | { error: string }> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'follow' });
    if (!response.ok) return { error: `HTTP ${response.status}` };
    const type = (response.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
    if (!IMAGE_TYPES.has(type)) return { error: `not an image (${type || 'no type'})` };
    if (Number(response.headers.get('content-length') ?? 0) > MAX_REMOTE_IMAGE_BYTES) return { error: 'too large' };
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.length > MAX_REMOTE_IMAGE_BYTES) return { error: 'too large' };
    return { dataUrl: `data:${type};base64,${Buffer.from(bytes).toString('base64')}` };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** Checks of values that arrive from outside (notes files, command arguments, webview messages). */
import type { ReadingStatus } from './types';

export const READING_STATUSES: readonly ReadingStatus[] = ['unread', 'reading', 'read'];
export const MAX_TAG_LENGTH = 64;
export const MAX_URL_LENGTH = 4096;

export function isReadingStatus(value: unknown): value is ReadingStatus {
  return typeof value === 'string' && (READING_STATUSES as readonly string[]).includes(value);
}

export function isHttpUrl(value: unknown): value is string {
  // The URL parser forgives spaces and control characters; a link to open must not carry any.
  if (typeof value !== 'string' || value.length > MAX_URL_LENGTH || /[\s\p{Cc}]/u.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** A tag: one line of visible text, no commas (they separate tags when typed). */
export function cleanTag(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const tag = value.replace(/\s+/g, ' ').trim();
  if (tag === '' || tag.length > MAX_TAG_LENGTH || /[,\p{Cc}]/u.test(tag)) return undefined;
  return tag;
}

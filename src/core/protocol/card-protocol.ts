/**
 * The messages between the extension host and the paper card webview, shared by both sides.
 * Each side validates what it receives with the parsers below: the host trusts nothing that
 * comes from the webview, and the webview ignores malformed messages instead of failing.
 */
import { MAX_PAPER_ID_LENGTH, MAX_TAG_LENGTH, MAX_URL_LENGTH, isHttpUrl, isPaperId, isReadingStatus, cleanTag, type NoteLink, type Paper, type ReadingStatus } from '../model';
import type { PaperLinks } from '../digest';

export const LIMITS = {
  id: MAX_PAPER_ID_LENGTH,
  tag: MAX_TAG_LENGTH,
  url: MAX_URL_LENGTH,
  path: 4096,
  quote: 2000,
  title: 1000,
  body: 1_000_000,
} as const;

/** The paper as the card shows it: every field is plain text, shown as text. */
export interface CardPaper extends Omit<Paper, 'source'> {
  isNew: boolean;
}

/** One digest the paper appears in; `index` points into the paper's occurrences on the host. */
export interface CardOccurrence {
  index: number;
  digest: string;
  digestDate?: string;
  line: number;
}

export interface CardBacklink {
  id: string;
  title: string;
}

/** A paper of the library like this one, with the words both have. */
export interface CardSimilar {
  id: string;
  title: string;
  /** Words both papers have, most telling first. */
  shared: string[];
  status: ReadingStatus;
}

export interface CardAnnotation {
  id: string;
  quote: string;
  body: string;
  tag?: string;
}

/** A link of the note, with the title of a linked paper resolved by the host. */
export interface CardLink {
  link: NoteLink;
  label: string;
  /** False for a paper link whose paper is not in the workspace, or a file outside it. */
  available: boolean;
}

/** Where the paper can be read, as the host built the addresses (each an http(s) URL; checked again on arrival). */
export type CardWebLinks = PaperLinks;

export interface CardData {
  paper: CardPaper;
  web: CardWebLinks;
  occurrences: CardOccurrence[];
  status: ReadingStatus;
  starred: boolean;
  tags: string[];
  body: string;
  /** The notes rendered to HTML by the host and sanitised: the only HTML the card ever inserts. */
  notesHtml: string;
  links: CardLink[];
  backlinks: CardBacklink[];
  annotations: CardAnnotation[];
  /** The papers most like this one across every digest; absent while the library is still being indexed for it. */
  similar?: CardSimilar[];
  /** Every tag used in the workspace, for completion. */
  allTags: string[];
  /** Path of the notes file relative to the workspace, when it exists. */
  notesFile?: string;
  /** Why the notes are not all on disk, when they are not. */
  problem?: string;
}

export type HostMessage =
  | { type: 'card'; card: CardData }
  | { type: 'missing'; id: string; title?: string }
  | { type: 'focus'; target: 'notes' | 'tags' }
  /** A remote image the reader asked for, as a data: URL; without one, it could not be loaded. */
  | { type: 'image'; url: string; dataUrl?: string };

/** The largest remote image the card loads on request, in bytes (its data: URL is a third longer). */
export const MAX_REMOTE_IMAGE_BYTES = 8 * 1024 * 1024;
const MAX_DATA_URL_LENGTH = Math.ceil(MAX_REMOTE_IMAGE_BYTES / 3) * 4 + 100;

export type LinkKind = 'paper' | 'selection' | 'url';

export type WebviewMessage =
  | { type: 'ready'; id?: string }
  | { type: 'setStatus'; id: string; status: ReadingStatus }
  | { type: 'setStarred'; id: string; starred: boolean }
  | { type: 'addTag'; id: string; tag: string }
  | { type: 'removeTag'; id: string; tag: string }
  /** `base` is the text the edit was made from, so the host can merge changes made elsewhere meanwhile. */
  | { type: 'editNotes'; id: string; body: string; base?: string }
  | { type: 'openPaper'; id: string }
  | { type: 'openUrl'; url: string }
  /** Copy the paper's BibTeX entry to the clipboard. */
  | { type: 'copyBibtex'; id: string }
  /** Search the library (a keyword chip): a query in the search language. */
  | { type: 'search'; query: string }
  | { type: 'revealOccurrence'; id: string; index: number }
  | { type: 'revealAnnotation'; id: string; annotationId: string }
  | { type: 'openLink'; id: string; link: NoteLink }
  | { type: 'removeLink'; id: string; link: NoteLink }
  | { type: 'addLink'; id: string; kind: LinkKind }
  | { type: 'openNotesFile'; id: string }
  /** Open the next unread paper after this one (the card's "n" key). */
  | { type: 'nextUnread'; id: string }
  /** The reader clicked the placeholder of a remote image in the card's notes. */
  | { type: 'loadImage'; id: string; url: string };

type Obj = Record<string, unknown>;

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length <= max;
}

function optStr(value: unknown, max: number): boolean {
  return value === undefined || str(value, max);
}

function nat(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** A link as the webview may send it back; file paths are checked against the workspace by the host. */
export function parseNoteLink(value: unknown): NoteLink | undefined {
  if (!isObj(value) || !optStr(value.title, LIMITS.title)) return undefined;
  const title = value.title as string | undefined;
  const withTitle = <T extends object>(link: T): T => (title === undefined ? link : { ...link, title });
  switch (value.kind) {
    case 'paper':
      return isPaperId(value.id) ? withTitle({ kind: 'paper' as const, id: value.id }) : undefined;
    case 'url':
      return isHttpUrl(value.url) ? withTitle({ kind: 'url' as const, url: value.url }) : undefined;
    case 'file': {
      const { path, startLine, endLine, quote } = value;
      if (!str(path, LIMITS.path) || path === '' || !nat(startLine) || !nat(endLine) || endLine < startLine) return undefined;
      if (!optStr(quote, LIMITS.quote)) return undefined;
      const link: NoteLink = { kind: 'file', path, startLine, endLine };
      return typeof quote === 'string' ? { ...link, quote } : link;
    }
    default:
      return undefined;
  }
}

/** The message if it is one the webview may send, otherwise undefined. Extra fields are dropped. */
export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  if (!isObj(value) || typeof value.type !== 'string') return undefined;
  const { id } = value;
  switch (value.type) {
    case 'ready':
      if (id === undefined) return { type: 'ready' };
      return isPaperId(id) ? { type: 'ready', id } : undefined;
    case 'openUrl':
      return isHttpUrl(value.url) ? { type: 'openUrl', url: value.url } : undefined;
    case 'copyBibtex':
      return isPaperId(id) ? { type: 'copyBibtex', id } : undefined;
    case 'search':
      return str(value.query, LIMITS.title) && value.query.trim() !== '' ? { type: 'search', query: value.query } : undefined;
  }
  if (!isPaperId(id)) return undefined;
  switch (value.type) {
    case 'setStatus':
      return isReadingStatus(value.status) ? { type: 'setStatus', id, status: value.status } : undefined;
    case 'setStarred':
      return typeof value.starred === 'boolean' ? { type: 'setStarred', id, starred: value.starred } : undefined;
    case 'addTag':
    case 'removeTag': {
      const tag = cleanTag(value.tag);
      return tag === undefined ? undefined : { type: value.type, id, tag };
    }
    case 'editNotes':
      if (!str(value.body, LIMITS.body)) return undefined;
      if (value.base === undefined) return { type: 'editNotes', id, body: value.body };
      return str(value.base, LIMITS.body) ? { type: 'editNotes', id, body: value.body, base: value.base } : undefined;
    case 'openPaper':
      return { type: 'openPaper', id };
    case 'openNotesFile':
      return { type: 'openNotesFile', id };
    case 'nextUnread':
      return { type: 'nextUnread', id };
    case 'loadImage':
      return isHttpUrl(value.url) ? { type: 'loadImage', id, url: value.url } : undefined;
    case 'revealOccurrence':
      return nat(value.index) ? { type: 'revealOccurrence', id, index: value.index } : undefined;
    case 'revealAnnotation':
      return str(value.annotationId, LIMITS.id) && value.annotationId !== ''
        ? { type: 'revealAnnotation', id, annotationId: value.annotationId }
        : undefined;
    case 'openLink':
    case 'removeLink': {
      const link = parseNoteLink(value.link);
      return link ? { type: value.type, id, link } : undefined;
    }
    case 'addLink':
      return value.kind === 'paper' || value.kind === 'selection' || value.kind === 'url'
        ? { type: 'addLink', id, kind: value.kind }
        : undefined;
    default:
      return undefined;
  }
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isWebLinks(value: unknown): value is CardWebLinks {
  if (!isObj(value) || !isHttpUrl(value.search)) return false;
  return (['huggingFace', 'arxiv', 'pdf', 'code', 'projectPage'] as const).every((key) => value[key] === undefined || isHttpUrl(value[key]));
}

function isCardData(value: unknown): value is CardData {
  if (!isObj(value) || !isObj(value.paper)) return false;
  const p = value.paper;
  return (
    isPaperId(p.id) && typeof p.title === 'string' && typeof p.abstract === 'string' && isStringArray(p.links) &&
    (p.authors === undefined || isStringArray(p.authors)) && (p.keywords === undefined || isStringArray(p.keywords)) &&
    isWebLinks(value.web) &&
    Array.isArray(value.occurrences) && isReadingStatus(value.status) && typeof value.starred === 'boolean' &&
    isStringArray(value.tags) && typeof value.body === 'string' && typeof value.notesHtml === 'string' &&
    Array.isArray(value.links) && Array.isArray(value.backlinks) && Array.isArray(value.annotations) &&
    (value.similar === undefined || (Array.isArray(value.similar) && value.similar.every(isCardSimilar))) &&
    isStringArray(value.allTags)
  );
}

function isCardSimilar(value: unknown): value is CardSimilar {
  return isObj(value) && isPaperId(value.id) && typeof value.title === 'string' && isStringArray(value.shared) && isReadingStatus(value.status);
}

/** The message if it is one the host may send, otherwise undefined. */
export function parseHostMessage(value: unknown): HostMessage | undefined {
  if (!isObj(value)) return undefined;
  switch (value.type) {
    case 'card':
      return isCardData(value.card) ? { type: 'card', card: value.card } : undefined;
    case 'missing':
      return isPaperId(value.id) && optStr(value.title, LIMITS.title)
        ? { type: 'missing', id: value.id, ...(typeof value.title === 'string' ? { title: value.title } : {}) }
        : undefined;
    case 'focus':
      return value.target === 'notes' || value.target === 'tags' ? { type: 'focus', target: value.target } : undefined;
    case 'image':
      if (!isHttpUrl(value.url)) return undefined;
      if (value.dataUrl === undefined) return { type: 'image', url: value.url };
      return str(value.dataUrl, MAX_DATA_URL_LENGTH) && /^data:image\/(?:png|jpeg|gif|webp|avif|bmp);base64,[A-Za-z0-9+/=]*$/.test(value.dataUrl)
        ? { type: 'image', url: value.url, dataUrl: value.dataUrl }
        : undefined;
    default:
      return undefined;
  }
}

/** What the webview keeps with getState/setState, so a hidden or reloaded card comes back as it was. */
export interface CardState {
  id: string;
  /** Notes typed but maybe not yet saved when the card was hidden or the window reloaded. */
  draft?: string;
  scrollY?: number;
}

export function parseCardState(value: unknown): CardState | undefined {
  if (!isObj(value) || !isPaperId(value.id)) return undefined;
  const state: CardState = { id: value.id };
  if (str(value.draft, LIMITS.body)) state.draft = value.draft;
  if (typeof value.scrollY === 'number' && Number.isFinite(value.scrollY) && value.scrollY >= 0) state.scrollY = value.scrollY;
  return state;
}

/**
 * The card's own words in English. The host passes each through vscode.l10n.t and hands the
 * result to the page (see parseCardText); "{0}" stands for a value.
 */
export const CARD_TEXT = {
  oneAuthor: '1 author',
  authors: '{0} authors',
  newBadge: 'New',
  appearsIn: 'Appears in',
  line: 'line {0}',
  abstract: 'Abstract',
  noAbstract: 'This digest gives no abstract for this paper.',
  status: 'Status',
  unread: 'Unread',
  reading: 'Reading',
  read: 'Read',
  star: 'Star',
  unstar: 'Unstar',
  starred: 'Starred',
  tags: 'Tags',
  noTags: 'No tags yet.',
  addTag: 'Add a tag and press Enter',
  removeTag: 'Remove tag {0}',
  suggestions: 'Existing tags',
  notes: 'Notes',
  notesHint: 'Markdown. Saved as you type. Link papers with [[paper-id]] or [[Title]].',
  notesPlaceholder: 'Write your notes here…',
  preview: 'Preview',
  emptyPreview: 'Nothing written yet.',
  links: 'Links',
  noLinks: 'No links yet.',
  linkPaper: 'Link paper…',
  linkSelection: 'Link editor selection',
  linkUrl: 'Link URL…',
  removeLink: 'Remove link {0}',
  unavailable: 'cannot be opened',
  backlinks: 'Backlinks',
  noBacklinks: 'No other paper links here.',
  similar: 'Similar in your library',
  noSimilar: 'No other paper of your digests shares enough words with this one.',
  findingSimilar: 'Finding similar papers…',
  sharedWords: 'Shares: {0}',
  keyHints: 'Keys: r read · g reading · u unread · s star · n next unread',
  annotations: 'Annotations',
  noAnnotations: 'No annotations yet. Select text in a digest to annotate it.',
  notesFile: 'Notes file',
  noNotesFile: 'No notes file yet: it is created with your first edit.',
  openNotesFile: 'Open notes file',
  missing: 'This paper is not in any digest of the workspace any more. Its notes are kept.',
  huggingFace: 'Hugging Face',
  arxiv: 'arXiv',
  pdf: 'PDF',
  code: 'Code',
  projectPage: 'Project page',
  findOnHuggingFace: 'Find on Hugging Face',
  moreAuthors: 'and {0} more',
  fewerAuthors: 'fewer',
  keywords: 'Keywords',
  searchKeyword: 'Search the library for {0}',
  copyBibtex: 'Copy BibTeX',
  loading: 'Loading…',
} as const;

export type CardTextKey = keyof typeof CARD_TEXT;
export type CardText = Record<CardTextKey, string>;

/** The translated words the page was given, over the English ones; anything malformed is ignored. */
export function parseCardText(value: unknown): CardText {
  const text: CardText = { ...CARD_TEXT };
  if (!isObj(value)) return text;
  for (const key of Object.keys(CARD_TEXT) as CardTextKey[]) {
    const translated = value[key];
    if (str(translated, LIMITS.title) && translated.trim() !== '') text[key] = translated;
  }
  return text;
}

/** Fills "{0}", "{1}"... with the values. */
export function formatText(template: string, ...values: (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (whole, i: string) => (values[Number(i)] === undefined ? whole : String(values[Number(i)])));
}

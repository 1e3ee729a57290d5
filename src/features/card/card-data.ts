// What the card shows about a paper, as plain data for the webview. It reads the workspace
// through CardSources, the few lookups it needs, so it runs and is tested without VS Code
// (card-sources.ts answers them from the Services).
import { paperId, type NoteLink, type PaperNote } from '../../core';
import { isHttpUrl, paperLinks, type CardData, type CardLink, type CardSimilar, type SimilarPaper } from '../../core';
import { findWikilinks, renderNotesHtml, type NotesHtmlOptions } from '../../core';
import type { NoteStoreService, PaperIndexService } from '../../services';
import { allTags } from '../../shared/papers';

/** What the card reads: index and note lookups, and two questions about workspace files. */
export interface CardSources {
  index: Pick<PaperIndexService, 'paper' | 'digest'>;
  store: Pick<NoteStoreService, 'get' | 'all' | 'problem'>;
  /** Where the paper's notes file is (or will be), relative to the workspace. */
  notesFile(id: string): string | undefined;
  /** True when a file link's stored path names a file inside the workspace. */
  isWorkspaceFile(path: string): boolean;
  /** The papers most like this one, closest first; undefined while the model is being built. */
  similar?(id: string): SimilarPaper[] | undefined;
  /** How the notes' HTML shows images from the web (paperReader.notes.loadRemoteImages); blocked when absent. */
  notesHtmlOptions?: NotesHtmlOptions;
}

/** The similar papers as the card lists them: those still in a digest, with their titles and statuses. */
export function similarOf(services: Pick<CardSources, 'index' | 'store' | 'similar'>, id: string): CardSimilar[] | undefined {
  const found = services.similar?.(id);
  if (!found) return undefined;
  const list: CardSimilar[] = [];
  for (const s of found) {
    const paper = services.index.paper(s.id);
    if (!paper) continue;
    list.push({ id: s.id, title: paper.paper.title, shared: s.shared, status: services.store.get(s.id)?.status ?? 'unread' });
  }
  return list;
}

/** Resolves `[[paper-id]]` and `[[Title]]` to a known paper. */
export function wikilinkResolver(services: Pick<CardSources, 'index' | 'store'>): (target: string) => { id: string; title: string } | undefined {
  return (target) => {
    const trimmed = target.trim();
    for (const id of [trimmed, paperId(trimmed)]) {
      const paper = services.index.paper(id);
      if (paper) return { id, title: paper.paper.title };
      const note = services.store.get(id);
      if (note) return { id, title: note.title || id };
    }
    return undefined;
  };
}

function linkLabel(services: CardSources, link: NoteLink): CardLink {
  switch (link.kind) {
    case 'paper': {
      const paper = services.index.paper(link.id);
      const label = paper?.paper.title ?? link.title ?? services.store.get(link.id)?.title ?? link.id;
      return { link, label, available: paper !== undefined || services.store.get(link.id) !== undefined };
    }
    case 'url':
      return { link, label: link.title ? `${link.title} (${link.url})` : link.url, available: isHttpUrl(link.url) };
    case 'file': {
      const lines = link.startLine === link.endLine ? `${link.startLine + 1}` : `${link.startLine + 1}-${link.endLine + 1}`;
      return { link, label: `${link.path}:${lines}`, available: services.isWorkspaceFile(link.path) };
    }
  }
}

/**
 * The wikilink targets of each note's body, parsed once per version of the note: the store hands out
 * a new object for each change, so an unchanged note is never parsed again.
 */
const wikilinkCache = new WeakMap<PaperNote, string[]>();

function wikilinksOf(note: PaperNote): string[] {
  let targets = wikilinkCache.get(note);
  if (!targets) {
    targets = note.body.includes('[[') ? findWikilinks(note.body) : [];
    wikilinkCache.set(note, targets);
  }
  return targets;
}

/** Papers whose notes link to `id`, by a paper link or a wikilink in the body. */
export function backlinks(services: Pick<CardSources, 'index' | 'store'>, id: string): { id: string; title: string }[] {
  const resolve = wikilinkResolver(services);
  const found: { id: string; title: string }[] = [];
  for (const note of services.store.all()) {
    if (note.id === id) continue;
    const linked = note.links.some((l) => l.kind === 'paper' && l.id === id) ||
      wikilinksOf(note).some((target) => resolve(target)?.id === id);
    if (linked) found.push({ id: note.id, title: services.index.paper(note.id)?.paper.title ?? (note.title || note.id) });
  }
  return found.sort((a, b) => a.title.localeCompare(b.title));
}

/** Everything the card shows about a paper, as plain data; undefined when the paper is unknown. */
export function buildCard(services: CardSources, id: string): CardData | undefined {
  const indexed = services.index.paper(id);
  const note: PaperNote | undefined = services.store.get(id);
  if (!indexed) return undefined;
  const { paper } = indexed;
  const file = note ? services.notesFile(id) : undefined;
  const problem = services.store.problem(id);
  const similar = similarOf(services, id);
  return {
    paper: {
      id,
      title: paper.title,
      abstract: paper.abstract,
      ...(paper.authorCount !== undefined ? { authorCount: paper.authorCount } : {}),
      ...(paper.org ? { org: paper.org } : {}),
      ...(paper.published ? { published: paper.published } : {}),
      ...(paper.upvotes !== undefined ? { upvotes: paper.upvotes } : {}),
      ...(paper.url ? { url: paper.url } : {}),
      ...(paper.arxivId ? { arxivId: paper.arxivId } : {}),
      ...(paper.authors?.length ? { authors: paper.authors } : {}),
      ...(paper.code ? { code: paper.code } : {}),
      ...(paper.projectPage ? { projectPage: paper.projectPage } : {}),
      ...(paper.keywords?.length ? { keywords: paper.keywords } : {}),
      links: paper.links,
      isNew: indexed.isNew,
    },
    web: paperLinks(paper),
    occurrences: indexed.occurrences.map((o, index) => {
      const digest = services.index.digest(o.source.uri);
      const name = digest?.name ?? o.source.uri.slice(o.source.uri.lastIndexOf('/') + 1);
      return { index, digest: name, ...(digest?.digest.digestDate ? { digestDate: digest.digest.digestDate } : {}), line: o.source.titleLine };
    }),
    status: note?.status ?? 'unread',
    starred: note?.starred ?? false,
    tags: note?.tags ?? [],
    body: note?.body ?? '',
    // The renderer never throws and sanitises what it makes: the one HTML the card inserts.
    notesHtml: renderNotesHtml(note?.body ?? '', wikilinkResolver(services), services.notesHtmlOptions),
    links: (note?.links ?? []).map((l) => linkLabel(services, l)),
    backlinks: backlinks(services, id),
    annotations: (note?.annotations ?? []).map((a) => ({ id: a.id, quote: a.anchor.exact, body: a.body, ...(a.tag ? { tag: a.tag } : {}) })),
    ...(similar ? { similar } : {}),
    allTags: allTags(services),
    ...(file ? { notesFile: file } : {}),
    ...(problem ? { problem } : {}),
  };
}

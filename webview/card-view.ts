import type { CardData, CardLink, WebviewMessage } from '../src/core/protocol';
import { append, h, icon, linkify, replaceChildren } from './dom';
import { text } from './l10n';
import { NotesEditor } from './notes-editor';
import { onRemoteImageClick } from './remote-images';

type Post = (message: WebviewMessage) => void;

/** Authors listed before the rest are folded behind a button. */
const AUTHORS_SHOWN = 10;

/** Elements of @vscode-elements/elements used as plain DOM: only the properties the card sets. */
interface ValueElement extends HTMLElement {
  value: string;
}
interface CheckElement extends HTMLElement {
  checked: boolean;
  value: string;
}

/**
 * The card's DOM. Built once; each card message from the host refills the sections, so the notes
 * editor keeps its text, caret and focus while the host saves what is typed.
 */
export class CardView {
  private card: CardData | undefined;
  private readonly banner = h('div', { class: 'banner', role: 'alert', hidden: true });
  private readonly header = h('header', { class: 'header' });
  private readonly abstract = h('section', { class: 'section abstract', 'aria-labelledby': 'abstract-h' });
  private readonly statusGroup = h('vscode-radio-group', { id: 'status', 'aria-labelledby': 'status-h' });
  private readonly tagList = h('ul', { class: 'tags', 'aria-label': text.tags });
  private readonly tagInput = h('vscode-textfield', { id: 'tag-input', placeholder: text.addTag, label: text.addTag }) as ValueElement;
  private readonly tagSuggestions = h('div', { class: 'suggestions', 'aria-label': text.suggestions, role: 'group' });
  private readonly preview = h('div', { class: 'preview markdown-body', id: 'preview', 'aria-live': 'polite', 'aria-labelledby': 'preview-h' });
  private readonly linkList = h('ul', { class: 'list', 'aria-labelledby': 'links-h' });
  private readonly backlinkList = h('ul', { class: 'list', 'aria-labelledby': 'backlinks-h' });
  private readonly annotationList = h('ul', { class: 'list annotations', 'aria-labelledby': 'annotations-h' });
  private readonly similarList = h('ul', { class: 'list similar', id: 'similar', 'aria-labelledby': 'similar-h' });
  private readonly footer = h('footer', { class: 'footer' });
  /** Everything below the title: hidden while the paper is not in any digest. */
  private readonly body = h('div', { class: 'card-body' });
  readonly notes: NotesEditor;

  constructor(root: HTMLElement, private readonly post: Post, notes: NotesEditor) {
    this.notes = notes;
    for (const status of ['unread', 'reading', 'read']) {
      const radio = h('vscode-radio', { name: 'status', value: status, label: text.statuses[status], 'data-key': `status-${status}` }, text.statuses[status]);
      radio.addEventListener('change', () => {
        if ((radio as CheckElement).checked && this.card) this.post({ type: 'setStatus', id: this.card.paper.id, status: status as 'unread' });
      });
      this.statusGroup.append(radio);
    }
    this.tagInput.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter') return;
      event.preventDefault();
      this.addTag(this.tagInput.value);
    });
    this.tagInput.addEventListener('input', () => this.renderSuggestions());
    this.preview.addEventListener('click', (event) => this.onPreviewClick(event));

    const section = (id: string, title: string, ...body: (Node | undefined)[]) =>
      h('section', { class: 'section', 'aria-labelledby': id }, h('h2', { id }, title), ...body);
    const actionButton = (label: string, iconName: string, kind: 'paper' | 'selection' | 'url') => {
      const button = h('vscode-button', { secondary: true, icon: iconName, 'data-key': `add-${kind}` }, label);
      button.addEventListener('click', () => this.card && this.post({ type: 'addLink', id: this.card.paper.id, kind }));
      return button;
    };

    append(root, [this.banner, this.header, this.body]);
    append(this.body, [
      this.abstract,
      h('div', { class: 'row' },
        section('status-h', text.status, this.statusGroup, h('p', { class: 'hint', id: 'key-hints' }, text.keyHints)),
        section('tags-h', text.tags, this.tagList, h('div', { class: 'tag-add' }, this.tagInput), this.tagSuggestions),
      ),
      section('notes-h', text.notes, h('p', { class: 'hint', id: 'notes-hint' }, text.notesHint), notes.element),
      section('preview-h', text.preview, this.preview),
      section('links-h', text.links, this.linkList,
        h('div', { class: 'actions' }, actionButton(text.linkPaper, 'references', 'paper'), actionButton(text.linkSelection, 'selection', 'selection'), actionButton(text.linkUrl, 'link', 'url'))),
      section('backlinks-h', text.backlinks, this.backlinkList),
      section('similar-h', text.similar, this.similarList),
      section('annotations-h', text.annotations, this.annotationList),
      this.footer,
    ]);
  }

  get id(): string | undefined {
    return this.card?.paper.id;
  }

  showLoading(): void {
    replaceChildren(this.header, [h('p', { class: 'hint' }, text.loading)]);
  }

  showMissing(id: string, title: string | undefined): void {
    this.card = undefined;
    replaceChildren(this.header, [h('h1', {}, title ?? id)]);
    this.banner.hidden = false;
    this.banner.textContent = text.missing;
    this.body.hidden = true;
  }

  render(card: CardData): void {
    const samePaper = this.card?.paper.id === card.paper.id;
    this.card = card;
    this.body.hidden = false;
    document.title = card.paper.title;
    this.banner.hidden = !card.problem;
    this.banner.textContent = card.problem ?? '';
    this.renderHeader(card);
    this.renderAbstract(card);
    for (const radio of this.statusGroup.querySelectorAll<CheckElement>('vscode-radio')) radio.checked = radio.value === card.status;
    this.renderTags(card);
    this.notes.show(card.paper.id, card.body, samePaper);
    this.setPreview(card.notesHtml);
    this.renderLinks(card);
    replaceChildren(this.backlinkList, card.backlinks.length
      ? card.backlinks.map((b) => h('li', {}, this.paperButton(b.id, b.title, `backlink-${b.id}`)))
      : [h('li', { class: 'empty' }, text.noBacklinks)]);
    this.renderSimilar(card);
    this.renderAnnotations(card);
    this.renderFooter(card);
  }

  /** The paper's status, star, or the next unread paper, from a single key (see keys.ts). */
  act(action: 'read' | 'reading' | 'unread' | 'star' | 'next'): void {
    const card = this.card;
    if (!card) return;
    const id = card.paper.id;
    if (action === 'star') this.post({ type: 'setStarred', id, starred: !card.starred });
    else if (action === 'next') this.post({ type: 'nextUnread', id });
    else if (card.status !== action) this.post({ type: 'setStatus', id, status: action });
  }

  private renderSimilar(card: CardData): void {
    if (!card.similar) {
      replaceChildren(this.similarList, [h('li', { class: 'empty' }, text.findingSimilar)]);
      return;
    }
    replaceChildren(this.similarList, card.similar.length ? card.similar.map((s) => h('li', { 'data-status': s.status },
      h('div', { class: 'item-row' }, this.paperButton(s.id, s.title, `similar-${s.id}`), h('span', { class: 'hint status' }, ` ${text.statuses[s.status]}`)),
      s.shared.length ? h('p', { class: 'shared hint' }, text.sharedWords(s.shared.join(', '))) : undefined,
    )) : [h('li', { class: 'empty' }, text.noSimilar)]);
  }

  private setPreview(html: string): void {
    // The one place HTML is inserted: the host rendered it from Markdown and sanitised it.
    if (html.trim() === '') {
      this.preview.replaceChildren(h('p', { class: 'empty' }, text.emptyPreview));
    } else {
      this.preview.innerHTML = html;
    }
  }

  focus(target: 'notes' | 'tags'): void {
    if (target === 'notes') this.notes.focus();
    else this.tagInput.focus();
  }

  private renderHeader(card: CardData): void {
    const { paper } = card;
    const meta: string[] = [];
    if (paper.authorCount !== undefined) meta.push(text.authors(paper.authorCount));
    if (paper.org) meta.push(paper.org);
    if (paper.published) meta.push(paper.published);
    if (paper.upvotes !== undefined) meta.push(`▲ ${paper.upvotes}`);
    const star = h('vscode-button', {
      id: 'star', secondary: !card.starred, icon: card.starred ? 'star-full' : 'star-empty',
      'aria-pressed': card.starred ? 'true' : 'false', title: card.starred ? text.unstar : text.star, 'data-key': 'star',
    }, card.starred ? text.starred : text.star);
    star.addEventListener('click', () => this.post({ type: 'setStarred', id: paper.id, starred: !card.starred }));
    const title = paper.url ? this.urlLink(paper.url, paper.title, 'title-link') : paper.title;
    const occurrences = card.occurrences.map((o) => {
      const label = o.digestDate ? `${o.digest} (${o.digestDate})` : o.digest;
      const button = h('button', { class: 'link', 'data-key': `occ-${o.index}`, title: `${o.digest}, ${text.line(o.line + 1)}` }, icon('go-to-file'), ` ${label}`);
      button.addEventListener('click', () => this.post({ type: 'revealOccurrence', id: paper.id, index: o.index }));
      return h('li', {}, button);
    });
    replaceChildren(this.header, [
      h('div', { class: 'title-row' }, h('h1', { id: 'title' }, title), star),
      this.authorsLine(card),
      h('p', { class: 'meta', id: 'meta' }, meta.join(' · '), paper.isNew ? h('vscode-badge', { class: 'new' }, text.newBadge) : undefined),
      this.webButtons(card),
      this.keywordChips(card),
      occurrences.length ? h('div', { class: 'occurrences' }, h('span', { class: 'label' }, `${text.appearsIn}:`), h('ul', { class: 'inline' }, ...occurrences)) : undefined,
    ]);
  }

  /** Authors by name; a long list shows the first ten and a button for the rest. */
  private authorsLine(card: CardData): HTMLElement | undefined {
    const authors = card.paper.authors;
    if (!authors?.length) return undefined;
    const line = h('p', { class: 'authors', id: 'authors' });
    const show = (all: boolean) => {
      const shown = all || authors.length <= AUTHORS_SHOWN ? authors : authors.slice(0, AUTHORS_SHOWN);
      const toggle = authors.length > AUTHORS_SHOWN
        ? h('button', { class: 'link', 'data-key': 'authors-toggle', 'aria-expanded': all ? 'true' : 'false' }, all ? text.fewerAuthors : text.moreAuthors(authors.length - AUTHORS_SHOWN))
        : undefined;
      toggle?.addEventListener('click', () => show(!all));
      replaceChildren(line, [shown.join(', '), toggle ? ' ' : undefined, toggle]);
    };
    show(false);
    return line;
  }

  /** Buttons to the paper's pages: those the digests give, or the Hugging Face search. */
  private webButtons(card: CardData): HTMLElement {
    const { web } = card;
    const buttons: HTMLElement[] = [];
    const add = (url: string | undefined, label: string, iconName: string, key: string) => {
      if (!url) return;
      const button = h('vscode-button', { secondary: true, icon: iconName, 'data-key': `web-${key}`, title: url }, label);
      button.addEventListener('click', () => this.post({ type: 'openUrl', url }));
      buttons.push(button);
    };
    add(web.huggingFace, text.huggingFace, 'link-external', 'hf');
    add(web.arxiv, text.arxiv, 'link-external', 'arxiv');
    add(web.pdf, text.pdf, 'file-pdf', 'pdf');
    add(web.code, text.code, 'github', 'code');
    add(web.projectPage, text.projectPage, 'globe', 'project');
    if (!web.huggingFace) add(web.search, text.findOnHuggingFace, 'search', 'search');
    const bibtex = h('vscode-button', { secondary: true, icon: 'quote', 'data-key': 'copy-bibtex' }, text.copyBibtex);
    bibtex.addEventListener('click', () => this.post({ type: 'copyBibtex', id: card.paper.id }));
    buttons.push(bibtex);
    return h('div', { class: 'web-links', id: 'web-links', role: 'group' }, ...buttons);
  }

  /** Keywords as chips: each starts a search of the library. */
  private keywordChips(card: CardData): HTMLElement | undefined {
    const keywords = card.paper.keywords;
    if (!keywords?.length) return undefined;
    const chips = keywords.map((keyword) => {
      const chip = h('button', { class: 'chip', 'data-key': `kw-${keyword}`, title: text.searchKeyword(keyword) }, keyword);
      chip.addEventListener('click', () => this.post({ type: 'search', query: `"${keyword.replace(/"/g, '')}"` }));
      return h('li', {}, chip);
    });
    return h('div', { class: 'keywords' }, h('span', { class: 'label' }, `${text.keywords}:`), h('ul', { class: 'inline', 'aria-label': text.keywords }, ...chips));
  }

  private renderAbstract(card: CardData): void {
    const open = (url: string) => this.post({ type: 'openUrl', url });
    replaceChildren(this.abstract, [
      h('h2', { id: 'abstract-h' }, text.abstract),
      card.paper.abstract
        ? h('p', { id: 'abstract' }, ...linkify(card.paper.abstract, card.paper.links, open, 'abstract-link'))
        : h('p', { class: 'empty' }, text.noAbstract),
    ]);
  }

  private renderTags(card: CardData): void {
    replaceChildren(this.tagList, card.tags.length ? card.tags.map((tag) => {
      const remove = h('button', { class: 'icon-button', 'aria-label': text.removeTag(tag), title: text.removeTag(tag), 'data-key': `tag-${tag}` }, icon('close'));
      remove.addEventListener('click', () => this.post({ type: 'removeTag', id: card.paper.id, tag }));
      return h('li', { class: 'tag' }, h('span', {}, tag), remove);
    }) : [h('li', { class: 'empty' }, text.noTags)]);
    this.renderSuggestions();
  }

  private renderSuggestions(): void {
    const card = this.card;
    if (!card) return;
    const typed = this.tagInput.value.trim().toLowerCase();
    const have = new Set(card.tags.map((t) => t.toLowerCase()));
    const matches = card.allTags.filter((t) => !have.has(t.toLowerCase()) && t.toLowerCase().includes(typed)).slice(0, 12);
    replaceChildren(this.tagSuggestions, matches.map((tag) => {
      const button = h('button', { class: 'chip', 'data-key': `suggest-${tag}`, title: tag }, icon('add'), ` ${tag}`);
      button.addEventListener('click', () => this.addTag(tag));
      return button;
    }));
  }

  private addTag(raw: string): void {
    const tag = raw.replace(/\s+/g, ' ').trim();
    if (!tag || !this.card) return;
    for (const part of tag.split(',').map((t) => t.trim()).filter(Boolean)) this.post({ type: 'addTag', id: this.card.paper.id, tag: part });
    this.tagInput.value = '';
    this.renderSuggestions();
  }

  private renderLinks(card: CardData): void {
    replaceChildren(this.linkList, card.links.length
      ? card.links.map((link, i) => this.linkItem(card.paper.id, link, i))
      : [h('li', { class: 'empty' }, text.noLinks)]);
  }

  private linkItem(id: string, item: CardLink, i: number): HTMLElement {
    const iconName = item.link.kind === 'paper' ? 'file-text' : item.link.kind === 'url' ? 'link-external' : 'file-code';
    const open = h('button', { class: 'link', 'data-key': `link-${i}`, disabled: !item.available, title: item.label }, icon(iconName), ` ${item.label}`);
    open.addEventListener('click', () => this.post({ type: 'openLink', id, link: item.link }));
    const remove = h('button', { class: 'icon-button', 'aria-label': text.removeLink(item.label), title: text.removeLink(item.label), 'data-key': `unlink-${i}` }, icon('trash'));
    remove.addEventListener('click', () => this.post({ type: 'removeLink', id, link: item.link }));
    const quote = item.link.kind === 'file' && item.link.quote ? h('blockquote', {}, item.link.quote) : undefined;
    return h('li', {}, h('div', { class: 'item-row' }, open, item.available ? undefined : h('span', { class: 'hint' }, ` (${text.unavailable})`), remove), quote);
  }

  private renderAnnotations(card: CardData): void {
    replaceChildren(this.annotationList, card.annotations.length ? card.annotations.map((a) => {
      const button = h('button', { class: 'annotation', 'data-key': `ann-${a.id}` },
        h('span', { class: 'quote' }, a.quote),
        a.body ? h('span', { class: 'body' }, a.body) : undefined,
        a.tag ? h('span', { class: 'chip' }, a.tag) : undefined);
      button.addEventListener('click', () => this.post({ type: 'revealAnnotation', id: card.paper.id, annotationId: a.id }));
      return h('li', {}, button);
    }) : [h('li', { class: 'empty' }, text.noAnnotations)]);
  }

  private renderFooter(card: CardData): void {
    const open = h('vscode-button', { secondary: true, icon: 'go-to-file', 'data-key': 'open-file', disabled: !card.notesFile }, text.openNotesFile);
    open.addEventListener('click', () => this.post({ type: 'openNotesFile', id: card.paper.id }));
    replaceChildren(this.footer, [
      h('span', { class: 'hint' }, card.notesFile ? `${text.notesFile}: ${card.notesFile}` : text.noNotesFile),
      open,
    ]);
  }

  private paperButton(id: string, title: string, key: string): HTMLElement {
    const button = h('button', { class: 'link', 'data-key': key, title }, icon('file-text'), ` ${title}`);
    button.addEventListener('click', () => this.post({ type: 'openPaper', id }));
    return button;
  }

  private urlLink(url: string, label: string, key: string): HTMLElement {
    const link = h('a', { href: url, 'data-key': key, title: url }, label);
    link.addEventListener('click', (event) => {
      event.preventDefault();
      this.post({ type: 'openUrl', url });
    });
    return link;
  }

  private onPreviewClick(event: MouseEvent): void {
    if (onRemoteImageClick(event, this.card?.paper.id, this.post)) return;
    const anchor = (event.target as Element | null)?.closest('a');
    if (!anchor) return;
    event.preventDefault();
    const paper = anchor.getAttribute('data-paper-id');
    if (paper) {
      this.post({ type: 'openPaper', id: paper });
      return;
    }
    const href = anchor.getAttribute('href');
    if (href) this.post({ type: 'openUrl', url: href });
  }
}

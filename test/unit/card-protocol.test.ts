import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CARD_TEXT,
  formatText,
  parseCardText,
  parseCardState,
  parseHostMessage,
  parseNoteLink,
  parseWebviewMessage,
} from '../../src/core/protocol/card-protocol';
import { cleanTag, isHttpUrl, isPaperId } from '../../src/core/model';
import { paperId } from '../../src/core/model/paper-id';

const id = paperId('The Markovian Thinker');

describe('parseWebviewMessage', () => {
  it('accepts each well-formed message and returns only its known fields', () => {
    expect(parseWebviewMessage({ type: 'setStatus', id, status: 'read', extra: '<script>' })).toEqual({ type: 'setStatus', id, status: 'read' });
    expect(parseWebviewMessage({ type: 'setStarred', id, starred: true })).toEqual({ type: 'setStarred', id, starred: true });
    expect(parseWebviewMessage({ type: 'addTag', id, tag: '  rl   agents ' })).toEqual({ type: 'addTag', id, tag: 'rl agents' });
    expect(parseWebviewMessage({ type: 'removeTag', id, tag: 'rl' })).toEqual({ type: 'removeTag', id, tag: 'rl' });
    expect(parseWebviewMessage({ type: 'editNotes', id, body: '# hi\n[[x]]' })).toEqual({ type: 'editNotes', id, body: '# hi\n[[x]]' });
    expect(parseWebviewMessage({ type: 'editNotes', id, body: 'b', base: 'a' })).toEqual({ type: 'editNotes', id, body: 'b', base: 'a' });
    expect(parseWebviewMessage({ type: 'openPaper', id })).toEqual({ type: 'openPaper', id });
    expect(parseWebviewMessage({ type: 'openUrl', url: 'https://arxiv.org/abs/1' })).toEqual({ type: 'openUrl', url: 'https://arxiv.org/abs/1' });
    expect(parseWebviewMessage({ type: 'search', query: '"state space"', junk: 1 })).toEqual({ type: 'search', query: '"state space"' });
    expect(parseWebviewMessage({ type: 'search', query: '  ' })).toBeUndefined();
    expect(parseWebviewMessage({ type: 'copyBibtex', id })).toEqual({ type: 'copyBibtex', id });
    expect(parseWebviewMessage({ type: 'copyBibtex', id: '../../x' })).toBeUndefined();
    expect(parseWebviewMessage({ type: 'search', query: 'x'.repeat(5000) })).toBeUndefined();
    expect(parseWebviewMessage({ type: 'revealOccurrence', id, index: 2 })).toEqual({ type: 'revealOccurrence', id, index: 2 });
    expect(parseWebviewMessage({ type: 'revealAnnotation', id, annotationId: 'a1' })).toEqual({ type: 'revealAnnotation', id, annotationId: 'a1' });
    expect(parseWebviewMessage({ type: 'addLink', id, kind: 'selection' })).toEqual({ type: 'addLink', id, kind: 'selection' });
    expect(parseWebviewMessage({ type: 'openNotesFile', id })).toEqual({ type: 'openNotesFile', id });
    expect(parseWebviewMessage({ type: 'nextUnread', id, junk: 1 })).toEqual({ type: 'nextUnread', id });
    expect(parseWebviewMessage({ type: 'nextUnread', id: '../x' })).toBeUndefined();
    expect(parseWebviewMessage({ type: 'ready' })).toEqual({ type: 'ready' });
    expect(parseWebviewMessage({ type: 'ready', id })).toEqual({ type: 'ready', id });
    const file = { kind: 'file', path: 'src/a.ts', startLine: 3, endLine: 5, quote: 'x' };
    expect(parseWebviewMessage({ type: 'openLink', id, link: file })).toEqual({ type: 'openLink', id, link: file });
    expect(parseWebviewMessage({ type: 'removeLink', id, link: { kind: 'paper', id } })).toEqual({ type: 'removeLink', id, link: { kind: 'paper', id } });
  });

  it('rejects unknown types, bad ids and wrong field types', () => {
    for (const bad of [
      null, undefined, 42, 'setStatus', [], {},
      { type: 'eval', id },
      { type: 'setStatus', id, status: 'done' },
      { type: 'setStatus', id: '../../etc/passwd', status: 'read' },
      { type: 'setStatus', id: 'Has-Upper', status: 'read' },
      { type: 'setStatus', id: '-lead', status: 'read' },
      { type: 'setStarred', id, starred: 'true' },
      { type: 'addTag', id, tag: '' },
      { type: 'addTag', id, tag: 'a,b' },
      { type: 'addTag', id, tag: 'x'.repeat(65) },
      { type: 'addTag', id, tag: 'line\u0000break' },
      { type: 'editNotes', id, body: 7 },
      { type: 'editNotes', id, body: 'b', base: 1 },
      { type: 'editNotes', id, body: 'x'.repeat(1_000_001) },
      { type: 'revealOccurrence', id, index: -1 },
      { type: 'revealOccurrence', id, index: 1.5 },
      { type: 'revealOccurrence', id, index: '0' },
      { type: 'revealAnnotation', id, annotationId: '' },
      { type: 'addLink', id, kind: 'file' },
      { type: 'openPaper' },
    ]) {
      expect(parseWebviewMessage(bad), JSON.stringify(bad)).toBeUndefined();
    }
  });

  it('opens only http and https URLs', () => {
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'command:workbench.action.quit', 'vscode://x', 'data:text/html,<b>', 'http://', 'not a url', ' https://ok.example']) {
      expect(parseWebviewMessage({ type: 'openUrl', url }), url).toBeUndefined();
    }
    expect(isHttpUrl('http://example.com/a?b=1#c')).toBe(true);
  });

  it('rejects malformed links', () => {
    for (const link of [
      { kind: 'url', url: 'javascript:1' },
      { kind: 'paper', id: 'UPPER' },
      { kind: 'file', path: '', startLine: 0, endLine: 0 },
      { kind: 'file', path: 'a', startLine: 5, endLine: 4 },
      { kind: 'file', path: 'a', startLine: -1, endLine: 4 },
      { kind: 'file', path: 'a', startLine: 0, endLine: 1, quote: 3 },
      { kind: 'other' },
      { kind: 'paper', id, title: 5 },
    ]) {
      expect(parseNoteLink(link), JSON.stringify(link)).toBeUndefined();
    }
  });

  it('never throws and never lets a message through without a known type (property)', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const message = parseWebviewMessage(value);
        if (message !== undefined) expect(typeof message.type).toBe('string');
      }),
    );
    fc.assert(
      fc.property(fc.record({ type: fc.constantFrom('setStatus', 'addTag', 'openUrl', 'openLink', 'editNotes'), id: fc.string(), tag: fc.string(), url: fc.string(), status: fc.string(), body: fc.string(), link: fc.anything() }), (value) => {
        const message = parseWebviewMessage(value);
        if (message && 'id' in message && message.id !== undefined) expect(isPaperId(message.id)).toBe(true);
        if (message?.type === 'openUrl') expect(/^https?:/.test(message.url)).toBe(true);
      }),
    );
  });

  it('accepts every id the paper-id rule produces', () => {
    fc.assert(fc.property(fc.string(), (title) => {
      expect(isPaperId(paperId(title))).toBe(true);
    }));
  });
});

describe('cleanTag', () => {
  it('collapses whitespace and refuses empty or separator-bearing tags', () => {
    expect(cleanTag(' a\tb ')).toBe('a b');
    expect(cleanTag('   ')).toBeUndefined();
    expect(cleanTag('x,y')).toBeUndefined();
    expect(cleanTag(3)).toBeUndefined();
  });
});

describe('parseHostMessage', () => {
  const card = {
    paper: { id, title: '<img src=x onerror=alert(1)>', abstract: '', links: [], isNew: false, authors: ['Ada Lovelace'], keywords: ['state space'] },
    web: { arxiv: 'https://arxiv.org/abs/2405.15738', search: 'https://huggingface.co/papers?q=x' },
    occurrences: [], status: 'unread', starred: false, tags: [], body: '', notesHtml: '', links: [], backlinks: [], annotations: [], allTags: [],
  };
  it('accepts a card, a missing paper and a focus request', () => {
    expect(parseHostMessage({ type: 'card', card })).toEqual({ type: 'card', card });
    expect(parseHostMessage({ type: 'missing', id })).toEqual({ type: 'missing', id });
    expect(parseHostMessage({ type: 'focus', target: 'notes' })).toEqual({ type: 'focus', target: 'notes' });
    const similar = [{ id, title: '<script>alert(1)</script>', shared: ['graph'], status: 'read' }];
    expect(parseHostMessage({ type: 'card', card: { ...card, similar } })).toEqual({ type: 'card', card: { ...card, similar } });
  });
  it('rejects a similar paper that is not one', () => {
    expect(parseHostMessage({ type: 'card', card: { ...card, similar: [{ id: '../x', title: 't', shared: [], status: 'read' }] } })).toBeUndefined();
    expect(parseHostMessage({ type: 'card', card: { ...card, similar: [{ id, title: 't', shared: [1], status: 'read' }] } })).toBeUndefined();
    expect(parseHostMessage({ type: 'card', card: { ...card, similar: [{ id, title: 't', shared: [], status: 'done' }] } })).toBeUndefined();
    expect(parseHostMessage({ type: 'card', card: { ...card, similar: {} } })).toBeUndefined();
  });
  it('rejects malformed ones', () => {
    expect(parseHostMessage({ type: 'card', card: { ...card, status: 'x' } })).toBeUndefined();
    expect(parseHostMessage({ type: 'card', card: { ...card, tags: [1] } })).toBeUndefined();
    expect(parseHostMessage({ type: 'focus', target: 'body' })).toBeUndefined();
    // Every address the card can open is an http(s) one, and the authors are strings.
    expect(parseHostMessage({ type: 'card', card: { ...card, web: { ...card.web, pdf: 'javascript:alert(1)' } } })).toBeUndefined();
    expect(parseHostMessage({ type: 'card', card: { ...card, web: { search: 'command:paperReader.card.open' } } })).toBeUndefined();
    expect(parseHostMessage({ type: 'card', card: { ...card, paper: { ...card.paper, authors: [{ name: 'x' }] } } })).toBeUndefined();
    // The notes preview comes inside the card: the host sends no message of its own for it.
    expect(parseHostMessage({ type: 'preview', id, html: '<p>x</p>' })).toBeUndefined();
    expect(parseHostMessage('card')).toBeUndefined();
  });
});

describe('parseCardState', () => {
  it('keeps a valid id and draft, drops the rest', () => {
    expect(parseCardState({ id, draft: 'typing', scrollY: 12, junk: 1 })).toEqual({ id, draft: 'typing', scrollY: 12 });
    expect(parseCardState({ id, draft: 5, scrollY: -3 })).toEqual({ id });
    expect(parseCardState({ id: 'no/slashes' })).toBeUndefined();
    expect(parseCardState(undefined)).toBeUndefined();
  });
});

describe('parseCardText and formatText', () => {
  it('takes translated words for known keys and keeps English for the rest', () => {
    const text = parseCardText({ notes: 'Notizen', tags: 42, unknown: 'x', star: '' });
    expect(text.notes).toBe('Notizen');
    expect(text.tags).toBe(CARD_TEXT.tags);
    expect(text.star).toBe(CARD_TEXT.star);
    expect('unknown' in text).toBe(false);
    expect(parseCardText('not an object')).toEqual(CARD_TEXT);
  });
  it('fills numbered placeholders and leaves missing ones', () => {
    expect(formatText('{0} authors', 8)).toBe('8 authors');
    expect(formatText('{1} then {0} then {2}', 'a', 'b')).toBe('b then a then {2}');
  });
});

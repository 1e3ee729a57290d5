import { describe, expect, it } from 'vitest';
import { emptyNote, isEmptyNote, parseNoteFile, serializeNoteFile, type NoteParseResult } from '../../src/core/notes/notes-file';
import type { PaperNote } from '../../src/core/model/types';

function ok(result: NoteParseResult) {
  if (!result.ok) throw new Error(`unexpected error on line ${result.line}: ${result.message}`);
  return result;
}

/** The text a save writes; a refused save fails the test. */
function save(...args: Parameters<typeof serializeNoteFile>): string {
  const result = serializeNoteFile(...args);
  if (!result.ok) throw new Error(`save refused on line ${result.line}: ${result.message}`);
  return result.text;
}

function parse(text: string) {
  return ok(parseNoteFile(text, 'p-1'));
}

const full: PaperNote = {
  id: 'p-1',
  title: 'Attention Is All You Need',
  status: 'reading',
  starred: true,
  tags: ['transformers', 'nlp'],
  links: [
    { kind: 'paper', id: 'bert-1234abcd', title: 'BERT' },
    { kind: 'url', url: 'https://example.org/code' },
    { kind: 'file', path: 'src/model.py', startLine: 10, endLine: 20, quote: 'def attention(q, k, v):' },
  ],
  annotations: [
    {
      id: 'a1',
      anchor: { field: 'abstract', exact: 'dispensing with recurrence', prefix: 'attention mechanisms, ', suffix: ' and convolutions', start: 120, end: 146 },
      body: 'Key claim.\n\nCheck the ablation.',
      tag: 'claim',
      created: '2024-03-05T10:00:00Z',
      replies: [{ body: 'Table 3.', created: '2024-03-06T09:00:00Z' }],
    },
  ],
  body: 'Read section 3 again.\n\n- multi-head\n- positional encoding',
};

describe('serializeNoteFile: new files', () => {
  it('writes readable block YAML in the fixed key order, a blank line, the body and a final newline', () => {
    expect(save(full)).toBe(
      [
        '---',
        'title: Attention Is All You Need',
        'status: reading',
        'starred: true',
        'tags:',
        '  - transformers',
        '  - nlp',
        'links:',
        '  - kind: paper',
        '    id: bert-1234abcd',
        '    title: BERT',
        '  - kind: url',
        '    url: https://example.org/code',
        '  - kind: file',
        '    path: src/model.py',
        '    startLine: 10',
        '    endLine: 20',
        '    quote: "def attention(q, k, v):"',
        'annotations:',
        '  - id: a1',
        '    anchor:',
        '      field: abstract',
        '      exact: dispensing with recurrence',
        '      prefix: "attention mechanisms, "',
        '      suffix: " and convolutions"',
        '      start: 120',
        '      end: 146',
        '    body: |-',
        '      Key claim.',
        '',
        '      Check the ablation.',
        '    tag: claim',
        '    created: 2024-03-05T10:00:00Z',
        '    replies:',
        '      - body: Table 3.',
        '        created: 2024-03-06T09:00:00Z',
        '---',
        '',
        'Read section 3 again.',
        '',
        '- multi-head',
        '- positional encoding',
        '',
      ].join('\n'),
    );
  });

  it('leaves out fields at their defaults', () => {
    expect(save(emptyNote('p-1', 'A paper'))).toBe('---\ntitle: A paper\n---\n');
    expect(save({ ...emptyNote('p-1', 'A paper'), body: 'hi' })).toBe('---\ntitle: A paper\n---\n\nhi\n');
  });

  it('quotes values YAML would otherwise read as something else', () => {
    const note = { ...emptyNote('p-1', 'yes'), tags: ['123', 'null', 'a: b'] };
    const text = save(note);
    expect(text).toContain('- "123"');
    expect(text).toContain('- "null"');
    expect(parse(text).note).toEqual(note);
  });
});

describe('a no-op save changes no byte', () => {
  const handWritten: Record<string, string> = {
    'comments and unknown keys': '---\n# reading list for the lab\ntitle: Foo   # the short title\nsource: arxiv\nstatus: reading\n---\n\nnotes\n',
    'flow tags, odd key order': '---\ntags: [rl, agents]\nstarred: yes\ntitle: Foo\n---\nno blank line before body\n',
    'unindented lists': '---\ntitle: Foo\nlinks:\n- https://example.org\n- "[[bar-12345678]]"\n---\n',
    CRLF: '---\r\ntitle: Foo\r\nstatus: READ\r\n---\r\n\r\nline one\r\nline two\r\n',
    'byte-order mark': '\uFEFF---\ntitle: Foo\n---\n\nbody\n',
    'dot fence and no final newline': '---\ntitle: Foo\n...\nbody without newline',
    'no frontmatter': '# My notes\n\nJust text.\n',
    'empty frontmatter': '---\n---\n\nbody\n',
    'empty file': '',
    'trailing blank lines': '---\ntitle: Foo\n---\n\nbody\n\n\n',
    'quoted and block scalars': "---\ntitle: 'Foo: bar'\nannotations:\n  - id: x\n    anchor: {exact: 'some text'}\n    body: >\n      folded\n      text\n---\n",
  };
  for (const [name, text] of Object.entries(handWritten)) {
    it(name, () => {
      const { note, doc } = parse(text);
      expect(save(note, doc)).toBe(text);
      // An equal note built anew is the same save.
      expect(save(structuredClone(note), doc)).toBe(text);
    });
  }
});

describe('saving changes keeps what the user wrote', () => {
  it('changes only the edited field, keeps comments and unknown keys, and orders keys', () => {
    const text = '---\n# lab list\n\n# why\ntags: [rl]  # topic\nsource: arxiv # where from\ntitle: Foo\n---\n\nbody\n';
    const { note, doc } = parse(text);
    // A header comment stays on top; a comment right above a key moves with it.
    expect(save({ ...note, starred: true }, doc)).toBe(
      '---\n# lab list\n\ntitle: Foo\nstarred: true\n# why\ntags: [rl] # topic\nsource: arxiv # where from\n---\n\nbody\n',
    );
  });

  it('never drops a key the user wrote, even back at its default', () => {
    const { note, doc } = parse('---\ntitle: Foo\nstatus: read\nstarred: true\ntags:\n  - a\n---\n');
    const text = save({ ...note, status: 'unread', starred: false, tags: [] }, doc);
    expect(text).toBe('---\ntitle: Foo\nstatus: unread\nstarred: false\ntags: []\n---\n');
  });

  it('keeps the frontmatter bytes when only the body changed', () => {
    const text = '---\r\ntitle:   Foo   # odd spacing\r\ntags: [ a,b ]\r\n---\r\nold\r\n';
    const { note, doc } = parse(text);
    expect(save({ ...note, body: 'new\nlines' }, doc)).toBe(
      '---\r\ntitle:   Foo   # odd spacing\r\ntags: [ a,b ]\r\n---\r\nnew\r\nlines\r\n',
    );
  });

  it('keeps the byte-order mark and CRLF when the frontmatter changes', () => {
    const { note, doc } = parse('\uFEFF---\r\ntitle: Foo\r\n---\r\n\r\nbody\r\n');
    expect(save({ ...note, status: 'read' }, doc)).toBe(
      '\uFEFF---\r\ntitle: Foo\r\nstatus: read\r\n---\r\n\r\nbody\r\n',
    );
  });

  it('edits one annotation in place, keeping its unknown keys and the other items untouched', () => {
    const text = [
      '---',
      'title: Foo',
      'tags:',
      '- a    # first',
      '- b',
      'annotations:',
      '- id: x',
      '  color: yellow',
      "  anchor: {exact: 'quoted text', start: 3}",
      '  body: old comment',
      '- id: y',
      '  anchor: {exact: other}',
      '  body: untouched   # keep',
      '---',
      '',
    ].join('\n');
    const { note, doc } = parse(text);
    const edited: PaperNote = {
      ...note,
      tags: ['a', 'b', 'c'],
      annotations: [{ ...note.annotations[0], body: 'new comment' }, note.annotations[1]],
    };
    const out = save(edited, doc);
    expect(out).toBe(
      [
        '---',
        'title: Foo',
        'tags:',
        '- a # first',
        '- b',
        '- c',
        'annotations:',
        '- id: x',
        '  color: yellow',
        "  anchor: {exact: 'quoted text', start: 3}",
        '  body: new comment',
        '- id: y',
        '  anchor: {exact: other}',
        '  body: untouched # keep',
        '---',
        '',
      ].join('\n'),
    );
    expect(parse(out).note).toEqual(edited);
  });

  it('keeps a hand-written indentation of four spaces', () => {
    const text = '---\ntitle: Foo\ntags:\n    - a\nannotations:\n    -   id: x\n        anchor:\n            exact: q\n---\n';
    const { note, doc } = parse(text);
    expect(save({ ...note, tags: ['a', 'b'] }, doc)).toBe(
      '---\ntitle: Foo\ntags:\n    - a\n    - b\nannotations:\n    - id: x\n      anchor:\n          exact: q\n---\n',
    );
  });

  it('adds frontmatter to a file that had none, keeping its text as the body', () => {
    const { note, doc } = parse('Plain notes.\n');
    expect(note.body).toBe('Plain notes.');
    expect(save({ ...note, title: 'Foo', status: 'read' }, doc)).toBe(
      '---\ntitle: Foo\nstatus: read\n---\n\nPlain notes.\n',
    );
    expect(save({ ...note, body: 'Edited.' }, doc)).toBe('Edited.\n');
  });
});

describe('parseNoteFile: hand edits with a clear meaning', () => {
  it('fills missing keys with defaults and keeps the id it was given', () => {
    expect(parse('---\ntitle: Foo\n---\n').note).toEqual({ ...emptyNote('p-1', 'Foo') });
  });

  it.each([
    ['tags: rl', ['rl']],
    ['tags: rl, agents ,, rl', ['rl', 'agents']],
    ['tags: [" rl ", 2024, null]', ['rl', '2024']],
    ['tags:', []],
  ])('%s', (line, tags) => {
    expect(parse(`---\n${line}\n---\n`).note.tags).toEqual(tags);
  });

  it.each([
    ['true', true], ['false', false], ['yes', true], ['No', false], ['ON', true], ['off', false], ['1', true], ['0', false], ['', false],
  ])('starred: %s', (value, starred) => {
    expect(parse(`---\nstarred: ${value}\n---\n`).note.starred).toBe(starred);
  });

  it('reads status in any case', () => {
    expect(parse('---\nstatus: " Reading "\n---\n').note.status).toBe('reading');
    expect(parse('---\nstatus: READ\n---\n').note.status).toBe('read');
  });

  it('reads links written as URLs, [[ids]] and mappings without kind', () => {
    const { note } = parse(
      '---\nlinks:\n  - https://example.org/x\n  - "[[bar-12345678|Bar]]"\n  - {id: baz-1}\n  - {path: a.ts, startLine: 3}\n---\n',
    );
    expect(note.links).toEqual([
      { kind: 'url', url: 'https://example.org/x' },
      { kind: 'paper', id: 'bar-12345678' },
      { kind: 'paper', id: 'baz-1' },
      { kind: 'file', path: 'a.ts', startLine: 3, endLine: 3 },
    ]);
  });

  it('gives an annotation without id a stable id from its content', () => {
    const text = '---\nannotations:\n  - anchor: {exact: "we propose"}\n    body: hm\n---\n';
    const a = parse(text).note.annotations[0];
    expect(a.id).toMatch(/^a-[0-9a-f]{8}$/);
    expect(a.anchor).toEqual({ field: 'abstract', exact: 'we propose', prefix: '', suffix: '', start: 0, end: 10 });
    expect(parse(text).note.annotations[0].id).toBe(a.id);
  });

  it('reads a CRLF file with a byte-order mark', () => {
    const { note } = parse('\uFEFF---\r\ntitle: Foo\r\ntags: [a]\r\n---\r\n\r\nline 1\r\nline 2\r\n');
    expect(note).toMatchObject({ title: 'Foo', tags: ['a'], body: 'line 1\nline 2' });
  });

  it('reads a file without frontmatter as a note whose body is the whole text', () => {
    expect(parse('# Notes\n\n---\n\nmore\n').note).toEqual({ ...emptyNote('p-1', ''), body: '# Notes\n\n---\n\nmore' });
  });

  it('does not take a fence that is not on the first line as frontmatter', () => {
    expect(parse('\n---\ntitle: x\n---\n').note.title).toBe('');
  });
});

describe('parseNoteFile: files it will not guess about', () => {
  const cases: Array<[string, string, number, RegExp]> = [
    ['unclosed fence', '---\ntitle: Foo\nstatus: read\n\nbody', 0, /never closed/],
    ['invalid YAML', '---\ntitle: Foo\ntags: [a, b\nstatus: read\n---\n', 3, /not valid YAML/],
    ['bad indentation', '---\ntitle: Foo\n  status: read\n---\n', 1, /not valid YAML/],
    ['duplicate key', '---\ntitle: Foo\nstatus: read\ntitle: Bar\n---\n', 3, /unique/],
    ['a list as frontmatter', '---\n- a\n- b\n---\n', 1, /"key: value" lines.*not a list/],
    ['a scalar as frontmatter', '---\n\njust words\n---\n', 2, /not a single value/],
    ['unknown status', '---\ntitle: Foo\n\nstatus: done\n---\n', 3, /status must be unread, reading or read, not "done"/],
    ['starred as a word', '---\nstarred: maybe\n---\n', 1, /starred must be true or false/],
    ['tags as a mapping', '---\ntags:\n  a: 1\n---\n', 2, /tags must be a list/],
    ['title as a list', '---\ntitle:\n  - a\n---\n', 2, /title must be text, not a list/],
    ['annotation without anchor', '---\nannotations:\n  - id: a\n    body: x\n  - id: b\n    body: y\n---\n', 2, /annotation 1 needs an anchor/],
    ['second annotation broken', '---\nannotations:\n  - id: a\n    anchor: {exact: q}\n  - id: b\n    anchor: {exact: q, start: x}\n---\n', 4, /annotation 2: anchor start must be a whole number/],
    ['link of unknown kind', '---\ntitle: x\nlinks:\n  - kind: video\n    url: https://x\n---\n', 3, /link 1 has kind "video"/],
    ['CRLF line numbers', '\uFEFF---\r\ntitle: Foo\r\nstatus: nope\r\n---\r\n', 2, /status must be/],
    ['git conflict markers', '---\ntitle: Foo\n<<<<<<< HEAD\nstatus: read\n=======\nstatus: reading\n>>>>>>> branch\n---\n', 2, /merge conflict markers/],
    ['item after an empty one', '---\nlinks:\n  -\n  - kind: paper\n---\n', 3, /link 2 is a paper link without an id/],
  ];
  it.each(cases)('%s', (_name, text, line, message) => {
    const result = parseNoteFile(text, 'p-1');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.line).toBe(line);
    expect(result.message).toMatch(message);
    expect(result.message).not.toMatch(/\n/);
  });
});

describe('isEmptyNote', () => {
  it('is true only when the note carries no user data', () => {
    const base = emptyNote('p-1', 'A title does not count');
    expect(isEmptyNote(base)).toBe(true);
    expect(isEmptyNote({ ...base, body: ' \n\t' })).toBe(true);
    expect(isEmptyNote({ ...base, body: 'x' })).toBe(false);
    expect(isEmptyNote({ ...base, status: 'read' })).toBe(false);
    expect(isEmptyNote({ ...base, starred: true })).toBe(false);
    expect(isEmptyNote({ ...base, tags: ['a'] })).toBe(false);
    expect(isEmptyNote({ ...base, links: full.links })).toBe(false);
    expect(isEmptyNote({ ...base, annotations: full.annotations })).toBe(false);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findWikilinks, renderNotesHtml } from '../../src/core/notes/render-notes';
import type { WikilinkResolver } from '../../src/core/notes/wikilinks';

const papers = [
  { id: 'attention-is-all-you-need-1a2b3c4d', title: 'Attention Is All You Need' },
  { id: 'evil-00000000', title: '<img src=x onerror=alert(1)> "quoted" & more' },
];
const resolve: WikilinkResolver = (target) =>
  papers.find((p) => p.id === target || p.title.toLowerCase() === target.toLowerCase());

const render = (markdown: string) => renderNotesHtml(markdown, resolve);

interface Tag {
  name: string;
  attributes: Array<[string, string]>;
}

/** The start tags of serialised HTML, read with quoted attribute values (text holds no raw "<"). */
function startTags(html: string): Tag[] {
  const tags: Tag[] = [];
  const tag = /<([a-zA-Z][\w:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*\/?>/g;
  const attribute = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;
  for (const m of html.matchAll(tag)) {
    const attributes: Array<[string, string]> = [];
    for (const a of m[2].matchAll(attribute)) attributes.push([a[1].toLowerCase(), a[2] ?? a[3] ?? a[4] ?? '']);
    tags.push({ name: m[1].toLowerCase(), attributes });
  }
  // Outside the tags that were read and closing tags, no "<" may be left: text is escaped.
  expect(html.replace(tag, '').replace(/<\/[a-zA-Z][\w:-]*\s*>/g, '')).not.toContain('<');
  return tags;
}

const ALLOWED_TAGS = new Set([
  'a', 'b', 'blockquote', 'br', 'button', 'code', 'del', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'input',
  'li', 'ol', 'p', 'pre', 'section', 'span', 'strong', 'sup', 'sub', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'ul',
]);
const URL_ATTRIBUTES = new Set(['href', 'src', 'xlink:href', 'action', 'formaction', 'srcset', 'background', 'poster', 'cite', 'data']);

/** What must never appear in the preview, whatever the note holds. */
function expectInert(html: string): void {
  for (const { name, attributes } of startTags(html)) {
    expect(ALLOWED_TAGS, name).toContain(name);
    for (const [attr, value] of attributes) {
      expect(attr).not.toMatch(/^on/);
      expect(attr).not.toBe('style');
      if (URL_ATTRIBUTES.has(attr)) expect(value, `${name} ${attr}`).toMatch(/^(?:https?:\/\/|mailto:|#)/i);
      if (attr === 'src' || attr === 'data-src') expect(value).toMatch(/^https?:\/\//i);
    }
    if (name === 'button') expect(attributes.find(([a]) => a === 'type')?.[1]).toBe('button');
    if (name === 'input') expect(attributes.map(([a]) => a).sort()).toEqual(expect.arrayContaining(['disabled', 'type']));
    if (name === 'input') expect(attributes.find(([a]) => a === 'type')?.[1]).toBe('checkbox');
  }
}

describe('renderNotesHtml', () => {
  it('renders GFM', () => {
    const html = render('# Notes\n\n**bold** ~~gone~~ https://example.org\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n- [x] done');
    expect(html).toContain('<h1>Notes</h1>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<del>gone</del>');
    expect(html).toContain('<a href="https://example.org">https://example.org</a>');
    expect(html).toContain('<td>1</td>');
    expect(html).toContain('<input type="checkbox" checked disabled>');
  });

  it('turns wikilinks by id, by title and with a label into paper links', () => {
    expect(render('See [[attention-is-all-you-need-1a2b3c4d]].')).toBe(
      '<p>See <a href="#paper:attention-is-all-you-need-1a2b3c4d" data-paper-id="attention-is-all-you-need-1a2b3c4d">Attention Is All You Need</a>.</p>',
    );
    expect(render('[[attention is all you need]]')).toContain('data-paper-id="attention-is-all-you-need-1a2b3c4d">Attention Is All You Need</a>');
    expect(render('[[ attention-is-all-you-need-1a2b3c4d | the transformer ]]')).toBe(
      '<p><a href="#paper:attention-is-all-you-need-1a2b3c4d" data-paper-id="attention-is-all-you-need-1a2b3c4d">the transformer</a></p>',
    );
  });

  it('marks unresolved wikilinks without making them links', () => {
    expect(render('[[no such paper]] and [[nope|label]]')).toBe(
      '<p><span class="wikilink-unresolved" title="No paper found for &#x22;no such paper&#x22;">no such paper</span> and ' +
        '<span class="wikilink-unresolved" title="No paper found for &#x22;nope&#x22;">label</span></p>',
    );
  });

  it('leaves wikilinks in code and link text alone', () => {
    const html = render('`[[attention-is-all-you-need-1a2b3c4d]]`\n\n```\n[[attention-is-all-you-need-1a2b3c4d]]\n```\n\n[x [[evil-00000000]]](https://a.example)');
    expect(html).not.toContain('data-paper-id');
    expect(html).toContain('<code>[[attention-is-all-you-need-1a2b3c4d]]</code>');
  });

  it('escapes a hostile paper title shown as a link label', () => {
    const html = render('[[evil-00000000]]');
    expect(html).toBe(
      '<p><a href="#paper:evil-00000000" data-paper-id="evil-00000000">&#x3C;img src=x onerror=alert(1)> "quoted" &#x26; more</a></p>',
    );
    expectInert(html);
  });

  it('treats a resolver that throws as resolving nothing', () => {
    const html = renderNotesHtml('[[x]]', () => {
      throw new Error('index not ready');
    });
    expect(html).toContain('wikilink-unresolved');
  });

  const hostile: Record<string, string> = {
    'script element': '<script>alert(1)</script>',
    'script in a paragraph': 'text <script>alert(1)</script> more',
    'img onerror': '<img src="x" onerror="alert(1)">',
    'javascript link': '[click](javascript:alert(1))',
    'mixed-case scheme': '[click](JaVaScRiPt:alert(1))',
    'entity-encoded scheme': '[click](java&#x73;cript:alert(1))',
    'scheme with whitespace': '[click](<java\tscript:alert(1)>)',
    'autolink javascript': '<javascript:alert(1)>',
    'data URL link': '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    'vbscript link': '[x](vbscript:msgbox(1))',
    'javascript image': '![x](javascript:alert(1))',
    'data image': '![x](data:image/svg+xml,<svg onload=alert(1)>)',
    'protocol-relative link': '[x](//evil.example/phish)',
    'protocol-relative image': '![x](//evil.example/pixel.png)',
    'javascript reference definition': '[x][a]\n\n[a]: javascript:alert(1)',
    iframe: '<iframe src="https://evil.example"></iframe>',
    'svg onload': '<svg onload="alert(1)"><circle r="10"/></svg>',
    'svg xlink': '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    'math tricks': '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
    'event handler on a link': '<a href="https://ok.example" onclick="alert(1)">x</a>',
    'style attribute': '<p style="background:url(javascript:alert(1))">x</p>',
    'form and button': '<form action="https://evil.example"><button formaction="javascript:alert(1)">go</button></form>',
    'meta refresh': '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    'base href': '<base href="https://evil.example/">',
    'object and embed': '<object data="x.swf"></object><embed src="x.swf">',
    'html comment trick': '<!--><img src=x onerror=alert(1)>-->',
    'unclosed tag': '<img src=x onerror=alert(1)//',
    'hostile wikilink label': '[[attention-is-all-you-need-1a2b3c4d|<img src=x onerror=alert(1)>]]',
    'hostile unresolved target': '[["><img src=x onerror=alert(1)>]]',
    'checked input': '<input type="checkbox" checked onclick="alert(1)">',
    'footnote label': 'x[^"><img src=x onerror=alert(1)>]\n\n[^"><img src=x onerror=alert(1)>]: y',
  };
  for (const [name, markdown] of Object.entries(hostile)) {
    it(`renders hostile input inert: ${name}`, () => {
      const html = render(markdown);
      expectInert(html);
      expect(html).not.toMatch(/<img[^>]*\sonerror/i);
    });
  }

  it('has an inertness check that rejects unsafe HTML', () => {
    for (const bad of [
      '<script>x</script>', '<img src="x" onerror="alert(1)">', '<a href="javascript:alert(1)">x</a>',
      '<p style="x">y</p>', '<a href="//evil.example">x</a>', '<iframe src="https://x"></iframe>', '<input type="text">',
    ]) {
      expect(() => expectInert(bad), bad).toThrow();
    }
  });

  it('keeps http, https and mailto links', () => {
    const html = render('[a](http://a.example) [b](https://b.example/x?y=1) [c](mailto:me@example.org)');
    expect(html).toContain('href="http://a.example"');
    expect(html).toContain('href="https://b.example/x?y=1"');
    expect(html).toContain('href="mailto:me@example.org"');
  });

  it('renders any mix of hostile fragments inert (property)', () => {
    const fragment = fc.constantFrom(
      '<script>', '</script>', '<img src=x onerror=alert(1)>', 'javascript:', '[x](', ')', '](', '[[', ']]', '|',
      '<svg onload=alert(1)>', '<iframe src=//x>', '"', "'", '>', '<', '`', '\n', '\n\n', '* ', '# ', '<a href="', '&#106;',
      'attention-is-all-you-need-1a2b3c4d', 'evil-00000000', '<style>', 'onclick=', '![', '//evil.example', '<!--', '-->',
    );
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 20 }), (parts) => expectInert(render(parts.join('')))),
      { numRuns: 500 },
    );
  });

  it('renders a long note without pathological slowdowns in wikilink matching', () => {
    const html = render(`[[${'a'.repeat(50_000)}`);
    expect(html.length).toBeGreaterThan(50_000);
  });
});

describe('findWikilinks', () => {
  it('lists each target once, in order, trimmed, without labels', () => {
    expect(findWikilinks('[[b]] then [[ a | label ]] and [[b]] and [[Some Title]]')).toEqual(['b', 'a', 'Some Title']);
  });

  it('ignores code, link text, empty and broken brackets', () => {
    expect(findWikilinks('`[[a]]`\n\n    [[b]]\n\n```\n[[c]]\n```\n\n[see [[d]]](https://x.example) [[ ]] [[e] [f]] [[g\nh]]')).toEqual([]);
  });

  it('finds wikilinks inside emphasis, lists and tables', () => {
    expect(findWikilinks('*[[a]]*\n\n- [[b]]\n\n| x |\n| - |\n| [[c]] |')).toEqual(['a', 'b', 'c']);
  });
});

describe('remote images in notes', () => {
  const figure = '![The loss curve](https://figures.example.org/loss.png "Loss")';

  it('are a button naming the host unless allowed, with the address kept for a click', () => {
    const html = render(figure);
    expect(html).toBe(
      '<p><button type="button" class="remote-image" data-src="https://figures.example.org/loss.png" data-alt="The loss curve" title="https://figures.example.org/loss.png">Load image from figures.example.org</button></p>',
    );
    expect(html).not.toContain('<img');
  });

  it('load at once when the reader allows them', () => {
    expect(renderNotesHtml(figure, resolve, { remoteImages: true })).toBe('<p><img src="https://figures.example.org/loss.png" alt="The loss curve" title="Loss"></p>');
  });

  it('take the label in the reader\'s language', () => {
    expect(renderNotesHtml(figure, resolve, { loadImageLabel: (host) => `Bild von ${host} laden` })).toContain('>Bild von figures.example.org laden</button>');
  });

  it('are blocked wherever they sit: in links, lists, tables, references and raw HTML', () => {
    const markdown = [
      '[![a](http://x.example/a.png)](https://y.example)',
      '- ![b](https://x.example/b.png)',
      '| c |\n| - |\n| ![c](https://x.example/c.png) |',
      '![d][ref]\n\n[ref]: https://x.example/d.png',
      '<img src="https://x.example/e.png">',
    ].join('\n\n');
    const html = render(markdown);
    expect(html).not.toMatch(/<img/);
    for (const name of ['a', 'b', 'c', 'd']) expect(html).toContain(`data-src="${name === 'a' ? 'http' : 'https'}://x.example/${name}.png"`);
    expect(html).not.toContain('e.png');
  });

  it('escape a hostile address and alt text in the placeholder', () => {
    const html = render('![" onmouseover="alert(1)](https://x.example/a.png?"><script>alert(1)</script>)');
    expect(html).not.toMatch(/<script|onmouseover="/);
    expectInert(html);
  });
});

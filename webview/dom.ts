/**
 * DOM building for the card. Text always goes in through textContent and attributes through
 * setAttribute, so digest and note text can never become markup.
 */
type Child = Node | string | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Record<string, string | boolean | undefined>, ...children: Child[]): HTMLElementTagNameMap[K];
export function h(tag: string, attrs?: Record<string, string | boolean | undefined>, ...children: Child[]): HTMLElement;
export function h(tag: string, attrs: Record<string, string | boolean | undefined> = {}, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : value);
  }
  append(element, children);
  return element;
}

export function append(parent: Element, children: Child[]): void {
  for (const child of children) {
    if (child === undefined || child === false) continue;
    parent.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

export function icon(name: string): HTMLElement {
  return h('span', { class: `codicon codicon-${name}`, 'aria-hidden': 'true' });
}

/** Replaces a container's children, keeping keyboard focus on the element with the same data-key. */
export function replaceChildren(container: Element, children: Child[]): void {
  const active = document.activeElement;
  const key = active instanceof HTMLElement && container.contains(active) ? active.dataset.key : undefined;
  container.replaceChildren();
  append(container, children);
  if (key) container.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`)?.focus();
}

/**
 * Splits text into text nodes and clickable links. The links are the ones the digest parser found
 * in the text (core/links.ts), so the card and the index agree on where a URL ends.
 */
export function linkify(text: string, links: readonly string[], open: (url: string) => void, keyPrefix: string): Child[] {
  const parts: Child[] = [];
  let last = 0;
  let n = 0;
  for (;;) {
    let start = -1;
    let url = '';
    for (const link of links) {
      if (!link) continue;
      const at = text.indexOf(link, last);
      if (at >= 0 && (start < 0 || at < start || (at === start && link.length > url.length))) {
        start = at;
        url = link;
      }
    }
    if (start < 0) break;
    parts.push(text.slice(last, start));
    const anchor = h('a', { href: url, class: 'url', 'data-key': `${keyPrefix}-${n++}`, title: url }, url);
    anchor.addEventListener('click', (event) => {
      event.preventDefault();
      open(url);
    });
    parts.push(anchor);
    last = start + url.length;
  }
  parts.push(text.slice(last));
  return parts;
}

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

/**
 * Small element factory: h('button', { type: 'button', onclick: fn, 'aria-label': '…' }, 'text').
 * `on*` keys with a function become listeners; false/null/undefined attributes are skipped.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, ''), v);
    else if (k === 'class') el.className = String(v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

export function append(el: Element, children: (Child | Child[])[]): void {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
}

export function clear(el: Element): void {
  el.replaceChildren();
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing from index.html`);
  return el as T;
}

/** A safe external link (new tab, no opener). */
/**
 * An outbound link; only http(s) URLs become links (a `javascript:` or `data:` URL from data or a draft must never
 * run on click), anything else is shown as plain text.
 */
export function link(href: string, text: string, attrs: Attrs = {}): HTMLElement {
  if (!/^https?:\/\//i.test(href)) return h('span', attrs, text);
  return h('a', { href, target: '_blank', rel: 'noopener noreferrer', ...attrs }, text);
}

/** replaceChildren that skips null/false children. */
export function replace(el: Element, ...children: (Child | Child[])[]): void {
  el.replaceChildren();
  append(el, children);
}

/** Re-render without losing the keyboard focus: refocus the element with the same id afterwards. */
export function keepFocus(render: () => void): void {
  const id = document.activeElement instanceof HTMLElement ? document.activeElement.id : '';
  render();
  if (id) document.getElementById(id)?.focus();
}

/** The search box: suggestions as the user types (search.ts ranks them), keyboard navigation, picking one. */
import { byId, clear, el } from './dom.js';
import { markPieces } from './marks.js';
import type { ViewGraph } from './model.js';
import { search, type SearchEntry, type SearchHit } from './search.js';

/** What the search box reads and calls of the application. */
export interface SearchHost {
  readonly graph: ViewGraph | null;
  readonly index: SearchEntry[];
  kindColor(kind: string): string;
  t(key: string, vars?: Record<string, string | number>): string;
  /** A picked node: shown (its kind unhidden if need be) and selected. */
  pickNode(node: string): void;
}

/** A name with the typed query marked (when it appears verbatim), as text nodes and <mark>. */
function highlighted(cls: string, text: string, query: string): HTMLElement {
  const q = query.trim();
  const at = q === '' ? -1 : text.indexOf(q);
  const span = el('span', { class: cls });
  for (const p of markPieces(text, at < 0 ? [] : [[at, at + q.length]])) span.append(p.mark ? el('mark', {}, p.text) : document.createTextNode(p.text));
  return span;
}

export class SearchBox {
  private hits: SearchHit[] = [];
  private active = -1;

  constructor(private readonly host: SearchHost) {}

  /** The input's listeners: typing, arrows, Enter, Escape, leaving the box. */
  wire(): HTMLInputElement {
    const input = byId<HTMLInputElement>('search');
    input.addEventListener('input', () => this.update(input.value));
    input.addEventListener('keydown', (ev) => {
      if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
        ev.preventDefault();
        if (this.hits.length === 0) return;
        const step = ev.key === 'ArrowDown' ? 1 : -1;
        this.active = (this.active + step + this.hits.length) % this.hits.length;
        this.render();
      } else if (ev.key === 'Enter') {
        const hit = this.hits[this.active >= 0 ? this.active : 0];
        if (hit) this.pick(hit);
      } else if (ev.key === 'Escape') this.close();
    });
    input.addEventListener('blur', () => setTimeout(() => this.close(), 150));
    return input;
  }

  private update(q: string): void {
    this.hits = search(this.host.index, q, 12);
    this.active = this.hits.length > 0 ? 0 : -1;
    this.render(q.trim() !== '');
  }

  private render(open = true): void {
    const { host } = this;
    const list = byId('suggestions');
    const input = byId<HTMLInputElement>('search');
    clear(list);
    if (!open || !host.graph) return this.close();
    if (this.hits.length === 0) list.append(el('li', { class: 'empty', attrs: { role: 'option', 'aria-disabled': 'true' } }, host.t('search.none')));
    this.hits.forEach((hit, i) => {
      const kind = host.graph!.getNodeAttribute(hit.node, 'kind');
      const badge = el('span', { class: 'kind' }, host.t(`kind.${kind}`));
      badge.style.background = host.kindColor(kind);
      const li = el(
        'li',
        { attrs: { role: 'option', 'aria-selected': String(i === this.active), 'data-node': hit.node } },
        highlighted('label', hit.label, byId<HTMLInputElement>('search').value),
        badge,
        hit.alias
          ? el('span', { class: 'alias' }, `${host.t('search.alias')}: `, highlighted('alias-text', hit.alias, byId<HTMLInputElement>('search').value))
          : null,
      );
      // mousedown, not click: it fires before the input's blur closes the list.
      li.addEventListener('mousedown', (ev) => {
        ev.preventDefault();
        this.pick(hit);
      });
      list.append(li);
    });
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  }

  private close(): void {
    byId('suggestions').hidden = true;
    byId('search').setAttribute('aria-expanded', 'false');
  }

  private pick(hit: SearchHit): void {
    byId<HTMLInputElement>('search').value = hit.label;
    this.close();
    this.host.pickNode(hit.node);
  }
}

/**
 * Post-processing of graphology-gexf's output with a real XML DOM (@xmldom/xmldom), for what the
 * writer's formatting hooks cannot express:
 * - attribute declarations: the writer infers types from values (every value reaches it as a ready
 *   string) and orders columns by first appearance; we declare our own types in our own order;
 * - `<meta>`: only creator, keywords, description are valid children (the writer would emit every scalar
 *   graph attribute, or with `pedantic` whatever the graph happens to carry);
 * - edge direction in networkx-compatible mode (see gexf.ts).
 */
import { DOMParser, XMLSerializer, type Document, type Element } from '@xmldom/xmldom';
import type { ElementClass, GexfColumn } from './gexf-model.js';

export interface GexfMeta {
  creator?: string;
  keywords?: string;
  description?: string;
}

export interface PostProcessOptions {
  columns: Record<ElementClass, readonly GexfColumn[]>;
  meta: GexfMeta;
  /** Write every edge as directed (drop per-edge `type`, default directed). */
  allDirected: boolean;
}

function childElements(parent: Element, localName: string): Element[] {
  const out: Element[] = [];
  for (let n = parent.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === n.ELEMENT_NODE && (n as Element).localName === localName) out.push(n as Element);
  }
  return out;
}

/** Indentation text that the pretty-printing writer put before `el` (so inserted nodes match it). */
function indentBefore(el: Element): string {
  const prev = el.previousSibling;
  return prev && prev.nodeType === prev.TEXT_NODE && /^\s*$/.test(prev.nodeValue ?? '') ? prev.nodeValue! : '';
}

function rewriteMeta(doc: Document, gexf: Element, meta: GexfMeta): void {
  const ns = gexf.namespaceURI;
  let metaEl = childElements(gexf, 'meta')[0];
  if (!metaEl) {
    metaEl = doc.createElementNS(ns, 'meta');
    gexf.insertBefore(metaEl, gexf.firstChild);
  }
  while (metaEl.firstChild) metaEl.removeChild(metaEl.firstChild);
  for (const attr of [...Array.from(metaEl.attributes)]) metaEl.removeAttribute(attr.name);
  const outer = indentBefore(metaEl);
  const entries = (['creator', 'keywords', 'description'] as const).filter((k) => meta[k]);
  for (const name of entries) {
    if (outer) metaEl.appendChild(doc.createTextNode(`${outer}  `));
    const child = doc.createElementNS(ns, name);
    child.appendChild(doc.createTextNode(meta[name]!));
    metaEl.appendChild(child);
  }
  if (entries.length && outer) metaEl.appendChild(doc.createTextNode(outer));
}

function rewriteDeclarations(doc: Document, graphEl: Element, columns: PostProcessOptions['columns']): void {
  for (const attributesEl of childElements(graphEl, 'attributes')) {
    const cls = attributesEl.getAttribute('class') as ElementClass;
    const declared = childElements(attributesEl, 'attribute');
    const byId = new Map(declared.map((el) => [el.getAttribute('id')!, el]));
    const order = columns[cls] ?? [];
    const known = new Set(order.map((c) => c.id));
    for (const id of byId.keys()) {
      if (!known.has(id)) throw new Error(`GEXF export: writer declared an unexpected ${cls} attribute "${id}"`);
    }
    // Re-append in column order, reusing the writer's indentation.
    const indent = declared.length ? indentBefore(declared[0]!) : '';
    const closing = attributesEl.lastChild;
    while (attributesEl.firstChild) attributesEl.removeChild(attributesEl.firstChild);
    for (const column of order) {
      const el = byId.get(column.id);
      if (!el) continue; // no element has a value for it
      el.setAttribute('type', column.type);
      el.setAttribute('title', column.id);
      if (indent) attributesEl.appendChild(doc.createTextNode(indent));
      attributesEl.appendChild(el);
    }
    if (closing && closing.nodeType === closing.TEXT_NODE) attributesEl.appendChild(closing);
  }
}

/**
 * The writer emits attvalues in the order the columns first appear in the data; put them in column
 * order so that the element layout does not depend on which node happened to carry `code` first.
 */
function sortAttvalues(doc: Document, graphEl: Element, columns: PostProcessOptions['columns']): void {
  const rank = (cls: ElementClass) => new Map(columns[cls].map((c, i) => [c.id, i]));
  for (const [cls, container] of [['node', 'nodes'], ['edge', 'edges']] as const) {
    const ranks = rank(cls);
    for (const list of childElements(graphEl, container)) {
      for (const element of childElements(list, cls)) {
        for (const values of childElements(element, 'attvalues')) {
          const items = childElements(values, 'attvalue');
          const order = items.map((el) => ranks.get(el.getAttribute('for')!) ?? Infinity);
          if (order.every((r, i) => i === 0 || order[i - 1]! <= r)) continue;
          const indent = indentBefore(items[0]!);
          const closing = values.lastChild;
          const sorted = items.map((el, i) => ({ el, r: order[i]! })).sort((a, b) => a.r - b.r);
          while (values.firstChild) values.removeChild(values.firstChild);
          for (const { el } of sorted) {
            if (indent) values.appendChild(doc.createTextNode(indent));
            values.appendChild(el);
          }
          if (closing && closing.nodeType === closing.TEXT_NODE) values.appendChild(closing);
        }
      }
    }
  }
}

function makeAllDirected(graphEl: Element): void {
  graphEl.setAttribute('defaultedgetype', 'directed');
  for (const edgesEl of childElements(graphEl, 'edges')) {
    for (const edge of childElements(edgesEl, 'edge')) edge.removeAttribute('type');
  }
}

/** Applies the fixes to the writer's GEXF text and serializes it again. */
export function postProcessGexf(xml: string, options: PostProcessOptions): string {
  // Warnings (e.g. "replacement character detected": our own U+FFFD repairs) are not errors here.
  const doc = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') throw new Error(`GEXF export: writer output is not well-formed XML: ${message}`);
    },
  }).parseFromString(xml, 'application/xml');
  const gexf = doc.documentElement;
  if (!gexf || gexf.localName !== 'gexf') throw new Error('GEXF export: writer output has no <gexf> root');
  rewriteMeta(doc, gexf, options.meta);
  const graphEl = childElements(gexf, 'graph')[0];
  if (!graphEl) throw new Error('GEXF export: writer output has no <graph>');
  rewriteDeclarations(doc, graphEl, options.columns);
  sortAttvalues(doc, graphEl, options.columns);
  if (options.allDirected) makeAllDirected(graphEl);
  return new XMLSerializer().serializeToString(doc);
}

/**
 * The document head of the GEXF export (everything before `<nodes`: meta, column declarations) through a
 * real XML DOM (@xmldom/xmldom): it sets each `<attribute type>` from the column model (gexf-model.ts),
 * orders the declarations by it, and sets the graph's time mode. The writer (gexf.ts) hands over the head
 * with every column declared `string` in the order of first use; the head is small, so a DOM costs
 * nothing here, and the serializer decides its escaping (the export's bytes since the first release).
 * The head is made well-formed by closing its open `<graph>` and `<gexf>`, edited, serialized, and the
 * closing tags are cut off again.
 */
import { DOMParser, XMLSerializer, type Document, type Element } from '@xmldom/xmldom';
import type { ElementClass, GexfColumn } from './gexf-model.js';

// `<nodes/>` keeps `<graph>` from being empty (the serializer would self-close it).
const NODES = '<nodes/>';
const HEAD_CLOSE = '</graph></gexf>';

function childElements(parent: Element, localName: string): Element[] {
  const out: Element[] = [];
  for (let n = parent.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === n.ELEMENT_NODE && (n as Element).localName === localName) out.push(n as Element);
  }
  return out;
}

/**
 * Sets declared types from `columns` and puts the declarations in column order (Gephi shows columns in
 * declaration order, so every build shows the same table). Attvalues inside elements keep the writer's
 * order; GEXF does not tie the two.
 */
function fixDeclarations(doc: Document, graphEl: Element, columns: Record<ElementClass, readonly GexfColumn[]>): void {
  for (const attributesEl of childElements(graphEl, 'attributes')) {
    const cls = attributesEl.getAttribute('class') as ElementClass;
    const rank = new Map((columns[cls] ?? []).map((c, i) => [c.id, i]));
    const declared = childElements(attributesEl, 'attribute');
    for (const el of declared) {
      const id = el.getAttribute('id') ?? '';
      const i = rank.get(id);
      if (i === undefined) throw new Error(`GEXF export: head declares an unexpected ${cls} attribute "${id}"`);
      el.setAttribute('type', columns[cls][i]!.type);
    }
    // Re-append in column order with the writer's indentation (whitespace before the first
    // declaration, and before the closing tag).
    const first = declared[0]?.previousSibling;
    const indent = first && first.nodeType === first.TEXT_NODE ? (first.nodeValue ?? '') : '';
    const last = attributesEl.lastChild;
    const closing = last && last.nodeType === last.TEXT_NODE ? (last.nodeValue ?? '') : '';
    while (attributesEl.firstChild) attributesEl.removeChild(attributesEl.firstChild);
    for (const el of declared.sort((a, b) => rank.get(a.getAttribute('id')!)! - rank.get(b.getAttribute('id')!)!)) {
      if (indent) attributesEl.appendChild(doc.createTextNode(indent));
      attributesEl.appendChild(el);
    }
    if (closing) attributesEl.appendChild(doc.createTextNode(closing));
  }
}

/** The head (`<?xml …` up to the whitespace before `<nodes`) with declared types fixed and `graphAttributes` set on `<graph>` (mode, timeformat). */
export function finishHead(head: string, columns: Record<ElementClass, readonly GexfColumn[]>, graphAttributes?: Record<string, string>): string {
  // Warnings (e.g. "replacement character detected": our own U+FFFD repairs) are not errors here.
  const doc = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') throw new Error(`GEXF export: head is not well-formed XML: ${message}`);
    },
  }).parseFromString(head + NODES + HEAD_CLOSE, 'application/xml');
  const gexf = doc.documentElement;
  const graphEl = gexf && gexf.localName === 'gexf' ? childElements(gexf, 'graph')[0] : undefined;
  if (!graphEl) throw new Error('GEXF export: head has no <gexf><graph>');
  fixDeclarations(doc, graphEl, columns);
  for (const [name, value] of Object.entries(graphAttributes ?? {})) graphEl.setAttribute(name, value);
  const out = new XMLSerializer().serializeToString(doc);
  if (!out.endsWith(NODES + HEAD_CLOSE)) throw new Error('GEXF export: unexpected serialization of the document head');
  return out.slice(0, -(NODES + HEAD_CLOSE).length);
}

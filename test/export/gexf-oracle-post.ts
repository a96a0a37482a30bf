/**
 * Post-processing of graphology-gexf's output with a real XML DOM (@xmldom/xmldom), for the one thing
 * its formatting hooks cannot express: declared column types. The writer infers types from values; our
 * values reach it as ready strings (lists in our JSON-array form, see gexf-list.ts), so it declares
 * everything `string`, and it would declare an all-integer `double` column `integer`. We set each
 * `<attribute type>` from the column model (gexf-model.ts), and order the declarations by it.
 *
 * Only the document head (everything before `<nodes`) goes through the DOM: the declarations live there,
 * and a DOM of a whole large graph costs seconds and gigabytes (10k nodes/30k edges: 15 s, 2.5 GB RSS).
 * Cutting at the first `<nodes` is exact, not a guess: the writer escapes `<` in every attribute value
 * and text node and writes no comments or CDATA, so the only literal `<nodes` is the start tag of the
 * `<nodes>` element. The head is made well-formed by closing its open `<graph>` and `<gexf>`, edited,
 * serialized, and joined back to the untouched body.
 */
import { DOMParser, XMLSerializer, type Document, type Element } from '@xmldom/xmldom';
import type { ElementClass, GexfColumn } from '../../src/export/gexf-model.js';

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
      if (i === undefined) throw new Error(`GEXF export: writer declared an unexpected ${cls} attribute "${id}"`);
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

/** Applies the declaration fix to the writer's GEXF text, and sets `graphAttributes` on `<graph>` (mode, timeformat). */
export function postProcessGexf(xml: string, columns: Record<ElementClass, readonly GexfColumn[]>, graphAttributes?: Record<string, string>): string {
  const cut = xml.indexOf('<nodes');
  if (cut < 0) throw new Error('GEXF export: writer output has no <nodes> element');
  // Warnings (e.g. "replacement character detected": our own U+FFFD repairs) are not errors here.
  const doc = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') throw new Error(`GEXF export: writer output is not well-formed XML: ${message}`);
    },
  }).parseFromString(xml.slice(0, cut) + HEAD_CLOSE, 'application/xml');
  const gexf = doc.documentElement;
  const graphEl = gexf && gexf.localName === 'gexf' ? childElements(gexf, 'graph')[0] : undefined;
  if (!graphEl) throw new Error('GEXF export: writer output has no <gexf><graph> head');
  fixDeclarations(doc, graphEl, columns);
  for (const [name, value] of Object.entries(graphAttributes ?? {})) graphEl.setAttribute(name, value);
  const head = new XMLSerializer().serializeToString(doc);
  if (!head.endsWith(HEAD_CLOSE)) throw new Error('GEXF export: unexpected serialization of the document head');
  return head.slice(0, -HEAD_CLOSE.length) + xml.slice(cut);
}

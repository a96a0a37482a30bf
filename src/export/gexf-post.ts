/**
 * Post-processing of graphology-gexf's output with a real XML DOM (@xmldom/xmldom), for the one thing
 * its formatting hooks cannot express: declared column types. The writer infers types from values; our
 * values reach it as ready strings (lists in our JSON-array form, see gexf-list.ts), so it declares
 * everything `string`, and it would declare an all-integer `double` column `integer`. We set each
 * `<attribute type>` from the column model (gexf-model.ts).
 *
 * Only the document head (everything before `<nodes`) goes through the DOM: the declarations live there,
 * and a DOM of a whole large graph costs seconds and gigabytes (10k nodes/30k edges: 15 s, 2.5 GB RSS).
 * Cutting at the first `<nodes` is exact, not a guess: the writer escapes `<` in every attribute value
 * and text node and writes no comments or CDATA, so the only literal `<nodes` is the start tag of the
 * `<nodes>` element. The head is made well-formed by closing its open `<graph>` and `<gexf>`, edited,
 * serialized, and joined back to the untouched body.
 */
import { DOMParser, XMLSerializer, type Element } from '@xmldom/xmldom';
import type { ElementClass, GexfColumn } from './gexf-model.js';

const HEAD_CLOSE = '</graph></gexf>';

function childElements(parent: Element, localName: string): Element[] {
  const out: Element[] = [];
  for (let n = parent.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === n.ELEMENT_NODE && (n as Element).localName === localName) out.push(n as Element);
  }
  return out;
}

/** Sets declared types from `columns`; every declared id must be one of ours. */
function retypeDeclarations(graphEl: Element, columns: Record<ElementClass, readonly GexfColumn[]>): void {
  for (const attributesEl of childElements(graphEl, 'attributes')) {
    const cls = attributesEl.getAttribute('class') as ElementClass;
    const types = new Map((columns[cls] ?? []).map((c) => [c.id, c.type]));
    for (const el of childElements(attributesEl, 'attribute')) {
      const id = el.getAttribute('id') ?? '';
      const type = types.get(id);
      if (!type) throw new Error(`GEXF export: writer declared an unexpected ${cls} attribute "${id}"`);
      el.setAttribute('type', type);
    }
  }
}

/** Applies the declaration fix to the writer's GEXF text. */
export function postProcessGexf(xml: string, columns: Record<ElementClass, readonly GexfColumn[]>): string {
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
  retypeDeclarations(graphEl, columns);
  const head = new XMLSerializer().serializeToString(doc);
  if (!head.endsWith(HEAD_CLOSE)) throw new Error('GEXF export: unexpected serialization of the document head');
  return head.slice(0, -HEAD_CLOSE.length) + xml.slice(cut);
}

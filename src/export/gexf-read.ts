/**
 * Reading a GEXF file back into the shape the pipeline produced (Node): graphology-gexf's parser, then
 * restoreGexfGraph (gexf-restore.ts) to undo the export's encodings. Works on GEXF from other tools too
 * (Gephi, networkx): what is not ours passes through unchanged.
 */
import { createRequire } from 'node:module';
import gexf from 'graphology-gexf';
import { MultiGraph } from 'graphology';
import { restoreGexfGraph } from './gexf-restore.js';
import { readSpells } from './gexf-time.js';

interface XmldomErrorHandler {
  warning(message: string): void;
  error(message: string): void;
  fatalError(message: string): void;
}
interface Xmldom08 {
  DOMParser: new (options: { errorHandler: XmldomErrorHandler }) => { parseFromString(xml: string, type: string): unknown };
}

const fail = (message: string): never => {
  throw new Error(
    `fromGexf: not well-formed XML: ${message
      .split('\n')[0]!
      .replace(/^\[xmldom \w+\]\s*/, '')
      .trim()}`,
  );
};

/**
 * graphology-gexf parses strings with its own copy of @xmldom/xmldom (0.8), which logs malformed XML to
 * the console and carries on with a truncated graph. We parse with that same copy (its parser insists on
 * a Document of that class) and stop on anything it reports: in 0.8 even its "warnings" are
 * well-formedness errors (a mismatched end tag is "unclosed xml attribute"). One parse, no second DOM:
 * on 10k nodes each xmldom pass costs seconds.
 */
function parseXml(xml: string): unknown {
  const fromGexfPackage = createRequire(createRequire(import.meta.url).resolve('graphology-gexf'));
  const xmldom08 = fromGexfPackage('@xmldom/xmldom') as Xmldom08;
  return new xmldom08.DOMParser({
    errorHandler: { warning: fail, error: fail, fatalError: fail },
  }).parseFromString(xml, 'application/xml');
}

/** Parses GEXF text (1.2 or 1.3) into a mixed MultiGraph. Throws on text that is not GEXF. */
export function fromGexf(xml: string): MultiGraph {
  if (typeof xml !== 'string') throw new TypeError('fromGexf: expected GEXF text');
  if (!/<gexf[\s>]/.test(xml)) throw new Error('fromGexf: not a GEXF document (no <gexf> element)');
  const doc = parseXml(xml) as Parameters<typeof gexf.parse>[1];
  const parsed = gexf.parse(MultiGraph, doc, { allowUndeclaredAttributes: true });
  // graphology-gexf skips <spells>; dynamic GEXF keeps them as a `spells` attribute ([start, end] pairs).
  if (xml.includes('<spell')) {
    const spells = readSpells(doc as unknown as Parameters<typeof readSpells>[0]);
    for (const [id, list] of spells.node) if (parsed.hasNode(id)) parsed.setNodeAttribute(id, 'spells', list);
    for (const [id, list] of spells.edge) if (parsed.hasEdge(id)) parsed.setEdgeAttribute(id, 'spells', list);
  }
  return restoreGexfGraph(parsed);
}

/**
 * Time in GEXF. A graph whose nodes or edges carry `dates` (the ISO days their articles were published,
 * src/graph/build.ts) is written in dynamic mode (`<graph mode="dynamic" timeformat="date">`), each
 * dated node and edge with `<spells>`: one `<spell start end>` per run of consecutive days (inclusive),
 * so Gephi's timeline can play the graph and networkx reads the spells. Undated elements get no spells
 * (always present); a graph without dates stays static.
 *
 * graphology-gexf's writer has no hook for child elements, so the spells are inserted into its output by
 * one pass over the body: its `<node …>`/`<edge …>` start tags come in the order of the graph it was
 * given (ids are checked), and it escapes `<` in every attribute value, so a literal `<node`/`<edge`
 * followed by a space or `/` is always a start tag.
 */

/** Inclusive day ranges. */
export type Spell = [start: string, end: string];

const DAY = 86_400_000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** ISO days → runs of consecutive days. Ignores what is not an ISO day; sorts and de-duplicates. */
export function spellsOf(dates: unknown): Spell[] {
  if (!Array.isArray(dates)) return [];
  const days = [...new Set(dates.filter((d): d is string => typeof d === 'string' && ISO_DAY.test(d) && !Number.isNaN(Date.parse(d))))].sort();
  const out: Spell[] = [];
  for (const d of days) {
    const last = out[out.length - 1];
    if (last && Date.parse(d) - Date.parse(last[1]) === DAY) last[1] = d;
    else out.push([d, d]);
  }
  return out;
}

const unescapeXml = (s: string) =>
  s.replace(/&(lt|gt|quot|apos|amp|#x[0-9a-fA-F]+|#\d+);/g, (_m, e: string) =>
    e === 'lt'
      ? '<'
      : e === 'gt'
        ? '>'
        : e === 'quot'
          ? '"'
          : e === 'apos'
            ? "'"
            : e === 'amp'
              ? '&'
              : String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)),
  );

const START_TAG = /(\n?[ \t]*)<(node|edge)((?:\s+[\w:.-]+="[^"]*")*)\s*(\/?)>/g;

/**
 * Inserts `<spells>` into the writer's body. `nodes`/`edges` list, in the writer's order, each element's
 * key (as written, XML-safe) and spells.
 */
export function insertSpells(body: string, nodes: Array<[string, Spell[]]>, edges: Array<[string, Spell[]]>, pretty: boolean): string {
  let ni = 0;
  let ei = 0;
  const out = body.replace(START_TAG, (tag: string, lead: string, name: string, attrs: string, selfClosing: string) => {
    const entry = name === 'node' ? nodes[ni++] : edges[ei++];
    if (!entry) throw new Error(`GEXF export: more <${name}> elements than expected`);
    const id = /\sid="([^"]*)"/.exec(attrs);
    if (!id || unescapeXml(id[1]!) !== entry[0]) throw new Error(`GEXF export: <${name}> order differs from the graph's at ${JSON.stringify(entry[0])}`);
    const spells = entry[1];
    if (spells.length === 0) return tag;
    const indent = pretty ? lead.replace(/^\n/, '') : '';
    const nl = pretty ? '\n' : '';
    const inner = pretty ? `${indent}  ` : '';
    const items = spells.map(([s, e]) => `${nl}${inner}  <spell start="${s}" end="${e}"/>`).join('');
    const block = `${nl}${inner}<spells>${items}${nl}${inner}</spells>`;
    if (selfClosing) return `${lead}<${name}${attrs}>${block}${nl}${indent}</${name}>`;
    return `${lead}<${name}${attrs}>${block}`;
  });
  if (ni !== nodes.length || ei !== edges.length) throw new Error('GEXF export: fewer <node>/<edge> elements than expected');
  return out;
}

/** Reads `<spells>` of a parsed GEXF document: element id → spells, for nodes and edges. */
export function readSpells(doc: { getElementsByTagName(name: string): ArrayLike<SpellElement> }): { node: Map<string, Spell[]>; edge: Map<string, Spell[]> } {
  const out = { node: new Map<string, Spell[]>(), edge: new Map<string, Spell[]>() };
  const spellEls = doc.getElementsByTagName('spell');
  for (let i = 0; i < spellEls.length; i++) {
    const el = spellEls[i]!;
    const owner = el.parentNode?.parentNode;
    if (!owner || (owner.localName !== 'node' && owner.localName !== 'edge')) continue;
    const id = owner.getAttribute('id');
    if (id === null) continue;
    const start = el.getAttribute('start') ?? el.getAttribute('end');
    const end = el.getAttribute('end') ?? start;
    if (start === null || end === null) continue;
    const map = out[owner.localName];
    (map.get(id) ?? map.set(id, []).get(id)!).push([start, end]);
  }
  return out;
}

interface SpellElement {
  localName: string | null;
  parentNode: SpellElement | null;
  getAttribute(name: string): string | null;
}

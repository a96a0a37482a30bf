/**
 * Time in GEXF. A graph whose nodes or edges carry `dates` (the ISO days their articles were published,
 * src/graph/build.ts) is written in dynamic mode (`<graph mode="dynamic" timeformat="date">`), each
 * dated node and edge with `<spells>`: one `<spell start end>` per run of consecutive days (inclusive),
 * so Gephi's timeline can play the graph and networkx reads the spells. Undated elements get no spells
 * (always present); a graph without dates stays static.
 *
 * The writer (gexf.ts) writes them as the first child of each element.
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

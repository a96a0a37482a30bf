/**
 * Human-readable tables for the query results (the CLI's default output). Column widths count
 * East Asian wide characters as two cells so that Chinese names line up in a terminal.
 */
import type { EntityMatch } from './find.js';
import type { Holder } from './holders.js';
import type { HopEdge, Neighbor } from './neighbors.js';
import type { PathResult } from './path.js';
import type { GraphStats } from './stats.js';
import { describeEdge } from './attributes.js';

/** Terminal cells a string occupies (wide CJK characters count 2). */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w += isWide(c) ? 2 : 1;
  }
  return w;
}

function isWide(c: number): boolean {
  return (
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0xa4cf && c !== 0x303f) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6) ||
    (c >= 0x20000 && c <= 0x3fffd)
  );
}

/** Cuts a string to at most `max` cells, marking the cut with '…'. Newlines become spaces. */
export function truncate(s: string, max: number): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  if (displayWidth(flat) <= max) return flat;
  let out = '';
  let w = 0;
  for (const ch of flat) {
    const cw = displayWidth(ch);
    if (w + cw > max - 1) break;
    out += ch;
    w += cw;
  }
  return out + '…';
}

/** A plain-text table: header, a rule, rows; columns separated by two spaces, no trailing blanks. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c + ' '.repeat(widths[i]! - displayWidth(c))))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n';
}

const ARROWS: Record<HopEdge['direction'], string> = { out: '→', in: '←', undirected: '—' };

/** "→ role:第一书记, — co_occurs×2": the edges of one hop, seen from the nearer node. */
export function describeHop(edges: HopEdge[]): string {
  return edges.map((e) => `${ARROWS[e.direction]} ${describeEdge(e)}`).join(', ');
}

const EVIDENCE_CELLS = 60;

export function formatNeighbors(centre: string, list: Neighbor[]): string {
  if (list.length === 0) return `${centre}: no neighbors match\n`;
  const multi = list.some((n) => n.depth > 1);
  const headers = multi ? ['depth', 'name', 'kind', 'relation', 'via', 'evidence'] : ['name', 'kind', 'relation', 'evidence'];
  const rows = list.map((n) => {
    const cells = [n.label, n.kind, describeHop(n.edges)];
    const evidence = truncate(n.edges.find((e) => e.evidence)?.evidence ?? '', EVIDENCE_CELLS);
    return multi ? [String(n.depth), ...cells, n.viaLabel, evidence] : [...cells, evidence];
  });
  return table(headers, rows);
}

export function formatPath(result: PathResult): string {
  const first = result.nodes[0]!;
  if (result.hops.length === 0) return `${first.label}: same entity, path of length 0\n`;
  const rows = result.hops.map((h, i) => [
    String(i + 1),
    h.from.label,
    `${ARROWS[h.edge.direction]} ${describeEdge(h.edge)}`,
    h.to.label,
    truncate(h.edge.evidence, EVIDENCE_CELLS),
  ]);
  const head = `${result.nodes.map((n) => n.label).join(' — ')}  (${result.hops.length} hop${result.hops.length === 1 ? '' : 's'}${result.usesCoOccurs ? ', uses co-occurrence' : ''})\n`;
  return head + table(['hop', 'from', 'relation', 'to', 'evidence'], rows);
}

export function formatEntities(list: EntityMatch[]): string {
  return table(
    ['name', 'kind', 'match', 'mentions', 'degree', 'key', 'relation', 'aliases'],
    list.map((m) => [m.label, m.kind, m.match, String(m.mentions), String(m.degree), m.key, m.context, m.aliases.join('、')]),
  );
}

export function formatHolders(list: Holder[]): string {
  return table(
    ['holder', 'title', 'at', 'within', 'evidence'],
    list.map((h) => [h.holder.label, h.title, h.at.label, h.within.map((n) => n.label).join(' › '), truncate(h.evidence, EVIDENCE_CELLS)]),
  );
}

export function formatStats(stats: GraphStats): string {
  const parts = [`nodes ${stats.nodes}, edges ${stats.edges}\n`];
  parts.push(
    '\n' +
      table(
        ['kind', 'nodes'],
        stats.kinds.map(([k, n]) => [k, String(n)]),
      ),
  );
  parts.push(
    '\n' +
      table(
        ['relation', 'edges'],
        stats.relations.map(([k, n]) => [k, String(n)]),
      ),
  );
  if (stats.titles.length > 0) {
    parts.push(
      '\n' +
        table(
          ['title', 'roles'],
          stats.titles.map(([k, n]) => [k, String(n)]),
        ),
    );
  }
  parts.push(
    `\ntop ${stats.top.length} by ${stats.by}\n` +
      table(
        ['name', 'kind', 'degree', 'pagerank', 'key'],
        stats.top.map((t) => [t.label, t.kind, String(t.degree), t.pagerank.toFixed(4), t.key]),
      ),
  );
  return parts.join('');
}

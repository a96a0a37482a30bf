/**
 * Malformed and hostile graph files for `zhkg query` (and the viewer's GEXF drop, which refuses what the
 * loader refuses): each is either refused with an InputError naming the file, or loaded into a usable,
 * bounded graph. Entity expansion never happens.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadGraph } from '../../src/query/load.js';
import { InputError } from '../../src/errors.js';
import { neighbors } from '../../src/query/neighbors.js';
import { shortestPath } from '../../src/query/path.js';
import { graphStats } from '../../src/query/stats.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'zhkg-gexf-'));
});

const HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';
const gexf = (graph: string, doctype = '') =>
  `${HEAD}${doctype}<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph defaultedgetype="directed">${graph}</graph></gexf>\n`;
function put(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}
function refusal(path: string): InputError {
  try {
    loadGraph(path);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message.startsWith(path)).toBe(true);
    return err as InputError;
  }
  throw new Error(`${path} was loaded, expected a refusal`);
}

describe('hostile GEXF', () => {
  it('unclosed tags: refused as malformed XML with a position', () => {
    const p = put('unclosed.gexf', `${HEAD}<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph><nodes><node id="a" label="甲"></nodes></graph>`);
    expect(refusal(p).message).toMatch(/malformed XML at line \d+, column \d+/);
    const truncated = put('truncated.gexf', gexf('<nodes><node id="a" label="甲"/></nodes><edges/>').slice(0, 120));
    expect(refusal(truncated).message).toMatch(/malformed XML/);
  });

  it('billion laughs (nested internal entities): refused, nothing expanded, memory stays flat', () => {
    const levels = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('');
    const p = put('laughs.gexf', gexf('<nodes><node id="a" label="&lol9;"/></nodes><edges/>', `<!DOCTYPE gexf [<!ENTITY lol0 "lol">${levels}]>`));
    const rss = process.memoryUsage().rss;
    expect(refusal(p).message).toMatch(/entity/);
    expect(process.memoryUsage().rss - rss).toBeLessThan(200 * 1024 * 1024); // 10^9 "lol"s would be 3 GB
  });

  it('external entities (file:///etc/passwd): refused, the file is not read into the graph', () => {
    const p = put('external.gexf', gexf('<nodes><node id="a" label="&x;"/></nodes><edges/>', '<!DOCTYPE gexf [<!ENTITY x SYSTEM "file:///etc/passwd">]>'));
    expect(refusal(p).message).not.toMatch(/root:/);
  });

  it('1e6 nodes declared, two present: the count attribute is ignored; the graph has what the file holds', () => {
    const p = put(
      'declared.gexf',
      gexf(
        '<nodes count="1000000"><node id="a" label="甲"/><node id="b" label="乙"/></nodes><edges count="1000000"><edge id="e" source="a" target="b"/></edges>',
      ),
    );
    const g = loadGraph(p);
    expect(g.order).toBe(2);
    expect(g.size).toBe(1);
    expect(graphStats(g).nodes).toBe(2);
  });

  it('attribute type lies (integer "many", double "heavy", boolean "maybe", broken list): loaded, no NaN, queries work', () => {
    const attrs =
      '<attributes class="node"><attribute id="0" title="mentions" type="integer"/><attribute id="1" title="aliases" type="liststring"/><attribute id="2" title="flag" type="boolean"/></attributes>' +
      '<attributes class="edge"><attribute id="w" title="weight" type="double"/><attribute id="r" title="relation" type="integer"/></attributes>';
    const body =
      '<nodes><node id="a" label="甲"><attvalues><attvalue for="0" value="many"/><attvalue for="1" value="[unclosed"/><attvalue for="2" value="maybe"/></attvalues></node><node id="b" label="乙"/><node id="c" label="丙"/></nodes>' +
      '<edges><edge id="e" source="a" target="b" weight="heavy"><attvalues><attvalue for="w" value="NaN-ish"/><attvalue for="r" value="role"/></attvalues></edge><edge id="f" source="b" target="c"/></edges>';
    const g = loadGraph(put('lies.gexf', gexf(body, '').replace('<graph defaultedgetype="directed">', `<graph defaultedgetype="directed">${attrs}`)));
    expect(g.order).toBe(3);
    const a = g.getNodeAttributes('a');
    expect(Number.isNaN(a.mentions)).toBe(false);
    expect(Array.isArray(a.aliases)).toBe(true);
    for (const e of g.edges()) expect(Number.isNaN(g.getEdgeAttribute(e, 'weight'))).toBe(false);
    expect(neighbors(g, '甲').map((n) => n.label)).toContain('乙');
    expect(shortestPath(g, '甲', '丙')?.hops).toHaveLength(2);
  });

  it('not XML at all, and an empty file: refused naming the file', () => {
    expect(refusal(put('empty.gexf', '')).message).toMatch(/not a graph file/);
    expect(refusal(put('png.gexf', '\u0089PNG\r\n')).message).toMatch(/not a graph file/);
  });
});

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Graph from 'graphology';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { fromGexf, toGexf } from '../../src/export/index.js';
import { toStringList } from '../../src/query/attributes.js';
import { detectFormat, loadGraph, parseGraph } from '../../src/query/load.js';
import { neighbors } from '../../src/query/neighbors.js';
import { MALFORMED_GEXF, NETWORKX_GEXF, SAMPLE_JSON, tempDir, tempFile } from './helpers.js';

describe('toStringList', () => {
  it('accepts arrays, JSON arrays, GEXF liststrings, pipe-joined strings and single values', () => {
    expect(toStringList(['新左旗', ' 新巴尔虎左旗 '])).toEqual(['新左旗', '新巴尔虎左旗']);
    expect(toStringList('["新左旗", "a,b"]')).toEqual(['新左旗', 'a,b']);
    expect(toStringList('[新左旗, 二连]')).toEqual(['新左旗', '二连']);
    expect(toStringList('二连浩特|二连')).toEqual(['二连浩特', '二连']);
    expect(toStringList('苏吉')).toEqual(['苏吉']);
    expect(toStringList('')).toEqual([]);
    expect(toStringList(undefined)).toEqual([]);
    expect(toStringList(null)).toEqual([]);
  });
});

describe('detectFormat', () => {
  it('looks at the content, not the name', () => {
    expect(detectFormat('\uFEFF  {"nodes": []}')).toBe('json');
    expect(detectFormat('\n<?xml version="1.0"?><gexf/>')).toBe('gexf');
    expect(detectFormat('nodes,edges')).toBeNull();
  });
});

describe('loadGraph', () => {
  it('reads graphology JSON as a mixed multi graph with array attributes', () => {
    const g = loadGraph(SAMPLE_JSON);
    expect(g.type).toBe('mixed');
    expect(g.multi).toBe(true);
    expect(g.getNodeAttribute('PLACE:二连浩特市', 'aliases')).toEqual(['二连浩特', '二连']);
    // role and co_occurs between the same pair survive as parallel edges
    expect(g.edges('PERSON:金宝', 'PLACE:苏吉嘎查').length).toBe(2);
  });

  it('reads a GEXF written by zhkg (same query answers as the JSON)', () => {
    const fromJson = loadGraph(SAMPLE_JSON);
    const path = tempFile('sample.xml', toGexf(fromJson)); // detection by content: .xml is fine
    const fromGexf = loadGraph(path);
    expect(fromGexf.order).toBe(fromJson.order);
    expect(fromGexf.size).toBe(fromJson.size);
    expect(fromGexf.getNodeAttribute('PLACE:二连浩特市', 'aliases')).toEqual(['二连浩特', '二连']);
    const co = fromGexf.edges('PERSON:金宝', 'PLACE:苏吉嘎查').filter((e) => fromGexf.getEdgeAttribute(e, 'relation') === 'co_occurs');
    expect(co.length).toBe(1);
    expect(fromGexf.isUndirected(co[0]!)).toBe(true);
    const summary = (g: Graph) => neighbors(g, '金宝').map((n) => [n.key, n.edges.map((e) => `${e.relation}/${e.label}`)]);
    expect(summary(fromGexf)).toEqual(summary(fromJson));
  });

  it("reads zhkg GEXF exactly as the export module's own reader does", () => {
    const text = toGexf(loadGraph(SAMPLE_JSON));
    const ours = parseGraph(text);
    const theirs = fromGexf(text);
    expect(ours.export()).toEqual(theirs.export());
  });

  it('reads a GEXF written by networkx (pipe-joined aliases, edge labels, parallel edges)', () => {
    const g = loadGraph(NETWORKX_GEXF);
    expect(g.order).toBe(4);
    expect(g.size).toBe(4);
    expect(g.getNodeAttribute('p1', 'label')).toBe('金宝');
    expect(g.getNodeAttribute('p1', 'aliases')).toEqual(['金宝书记', '宝书记']);
    expect(g.getNodeAttribute('p3', 'aliases')).toEqual([]);
    const [first] = neighbors(g, '金宝');
    expect(first?.label).toBe('苏吉嘎查');
    expect(first?.edges.map((e) => [e.relation, e.label])).toEqual([
      ['role', '第一书记'],
      ['co_occurs', '共现'],
    ]);
  });

  it('rejects a malformed GEXF with the file and position in one line', () => {
    expect(() => loadGraph(MALFORMED_GEXF)).toThrow(InputError);
    try {
      loadGraph(MALFORMED_GEXF);
    } catch (err) {
      const msg = (err as Error).message;
      expect(msg).toContain(MALFORMED_GEXF);
      expect(msg).toMatch(/malformed XML at line \d+/);
      expect(msg).not.toContain('\n');
    }
  });

  it('rejects files that are not graphs, and inconsistent graphs', () => {
    const cases: Array<[string, RegExp]> = [
      ['hello', /not a graph file/],
      ['{bad', /invalid JSON/],
      ['{"nodes": 3}', /no "nodes" array/],
      ['{"nodes": [{"attributes": {}}]}', /node #0 has no key/],
      ['{"nodes": [{"key": "a"}], "edges": [{"source": "a", "target": "zz"}]}', /inconsistent graph JSON/],
      ['<html><body/></html>', /not a GEXF file/],
      ['<gexf></gexf>', /no <graph> element/],
      ['<gexf><graph><nodes><node id="a"/></nodes><edges><edge source="a" target="b"/></edges></graph></gexf>', /node that does not exist/],
      ['<gexf><graph><nodes><node id="a"></nodes></graph></gexf>', /malformed XML/],
    ];
    for (const [text, pattern] of cases) {
      expect(() => parseGraph(text, 'x.gexf'), text).toThrow(pattern);
      expect(() => parseGraph(text, 'x.gexf'), text).toThrow(InputError);
    }
  });

  it('refuses missing files, folders and files over the size limit', () => {
    const dir = tempDir();
    expect(() => loadGraph(join(dir, 'nope.json'))).toThrow(/cannot read graph file/);
    expect(() => loadGraph(dir)).toThrow(/not a file/);
    const big = join(dir, 'big.json');
    writeFileSync(big, readFileSync(SAMPLE_JSON));
    expect(() => loadGraph(big, { maxBytes: 100 })).toThrow(/over the limit of 100 bytes/);
    expect(loadGraph(big).order).toBeGreaterThan(0);
  });

  it('upgrades a simple undirected JSON graph to mixed multi', () => {
    const g = new Graph({ type: 'undirected' });
    g.addNode('a', { label: '甲' });
    g.addNode('b', { label: '乙', aliases: '乙方|乙地' });
    g.addEdge('a', 'b', { relation: 'partner_of' });
    const loaded = parseGraph(JSON.stringify(g.export()));
    expect(loaded.type).toBe('mixed');
    expect(loaded.multi).toBe(true);
    expect(loaded.getNodeAttribute('b', 'aliases')).toEqual(['乙方', '乙地']);
    expect(neighbors(loaded, '乙方').map((n) => n.key)).toEqual(['a']);
  });
});

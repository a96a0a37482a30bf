/** The graph's size in the viewer page (src/viewer/page-size.ts): written by the Node writers, read by the page. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GRAPH_SIZE_META, pageWithGraphSize, parseGraphSize } from '../../src/viewer/page-size.js';

const PAGE = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../viewer/index.html'), 'utf8');
const metaOf = (html: string) => /<meta name="zhkg-graph-size" content="([^"]*)">/.exec(html)?.[1];

describe('the graph size in the page', () => {
  it('the page ships with an empty size element, which the writer fills and empties again', () => {
    expect(metaOf(PAGE)).toBe('');
    const filled = pageWithGraphSize(PAGE, { nodes: 16000, edges: 47000 });
    expect(metaOf(filled)).toBe('16000 47000');
    // nothing else of the page changes
    expect(filled.replace('16000 47000', '')).toBe(PAGE);
    expect(metaOf(pageWithGraphSize(filled, { nodes: 3, edges: 0 }))).toBe('3 0');
    expect(pageWithGraphSize(filled, null)).toBe(PAGE);
    expect(parseGraphSize(metaOf(filled))).toEqual({ nodes: 16000, edges: 47000 });
  });

  it('leaves a page without the element as it is, and replaces only the element itself', () => {
    const other = '<html><head><meta name="other" content="1 2"></head></html>';
    expect(pageWithGraphSize(other, { nodes: 1, edges: 2 })).toBe(other);
    // an element whose content is not the writer's own (text a user put there) is not touched either
    const hostile = `<meta name="${GRAPH_SIZE_META}" content="&quot;><script>alert(1)</script>">`;
    expect(pageWithGraphSize(hostile, { nodes: 1, edges: 2 })).toBe(hostile);
  });

  it('refuses counts that are not non-negative integers', () => {
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      expect(() => pageWithGraphSize(PAGE, { nodes: bad, edges: 0 })).toThrow(TypeError);
      expect(() => pageWithGraphSize(PAGE, { nodes: 0, edges: bad })).toThrow(TypeError);
    }
  });

  it('reads two counts or nothing', () => {
    expect(parseGraphSize('12 0')).toEqual({ nodes: 12, edges: 0 });
    for (const bad of [null, undefined, '', '12', '12 ', ' 12 3', '12 3 4', '-1 2', '1.5 2', '1e3 2', '99999999999999999999 1']) {
      expect(parseGraphSize(bad)).toBeNull();
    }
  });
});

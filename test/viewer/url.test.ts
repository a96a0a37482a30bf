/**
 * The viewer shows an article's web address as a link: http/https only (here); the link's target and rel
 * are checked in the page (test/viewer/timeline.test.ts).
 */
import { readFileSync } from 'node:fs';
import { MultiGraph } from 'graphology';
import type { SerializedGraph } from 'graphology-types';
import { describe, expect, it } from 'vitest';
import { toViewGraph, webUrl } from '../../viewer/src/model.js';
import { FIXTURE_JSON } from './helpers.js';

describe('article URLs in the viewer', () => {
  it('keeps http and https addresses, drops javascript:, data:, relative and non-string values', () => {
    expect(webUrl('https://example.org/a?b=1')).toBe('https://example.org/a?b=1');
    expect(webUrl(' http://example.org/x ')).toBe('http://example.org/x');
    for (const bad of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      'data:text/html,<script>x</script>',
      '/relative/page.html',
      'ftp://example.org/',
      '',
      42,
      null,
      undefined,
    ]) {
      expect(webUrl(bad)).toBeNull();
    }
  });

  it('carries a node url into the view graph, and a hostile one not at all', () => {
    const g = new MultiGraph({ type: 'mixed' });
    g.import(JSON.parse(readFileSync(FIXTURE_JSON, 'utf8')) as SerializedGraph);
    const [first, second] = g.nodes();
    g.setNodeAttribute(first!, 'url', 'https://news.example.org/2020/02/07.html');
    g.setNodeAttribute(second!, 'url', 'javascript:alert(document.cookie)');
    const { graph } = toViewGraph(g);
    expect(graph.getNodeAttribute(first!, 'url')).toBe('https://news.example.org/2020/02/07.html');
    expect(graph.getNodeAttribute(second!, 'url')).toBeNull();
  });
});

/**
 * A small hand-built zhkg graph with every attribute of SPEC §3: entity and article nodes, directed and
 * undirected relations, parallel edges of different relations, full evidence objects, graph attributes.
 */
import { MultiGraph } from 'graphology';
import type { Evidence } from '../../src/types.js';

export function evidence(sentence: string, start: number, end: number, article = '000_6a6b28fc1a4d90e2#1'): Evidence {
  return {
    article,
    sentence,
    spans: [[start, end]],
    sourceSpans: [[start + 100, end + 100]],
    source: 'data/000_6a6b28fc1a4d90e2.txt',
  };
}

export function buildSampleGraph(): MultiGraph {
  const g = new MultiGraph();
  g.replaceAttributes({
    articles: [{ id: '000_6a6b28fc1a4d90e2#1', title: '第一书记的扶贫路', source: 'data/000_6a6b28fc1a4d90e2.txt' }],
    version: 1,
  });
  const s1 = '苏吉嘎查第一书记金宝介绍，驻村工作队帮助农户发展小养殖。';
  g.addNode('PERSON:金宝', {
    label: '金宝',
    kind: 'PERSON',
    aliases: [],
    mentions: 3,
    articles: ['000_6a6b28fc1a4d90e2#1'],
    x: 12.5,
    y: -3.25,
    size: 8,
    color: '#e15759',
    community: 0,
    degree: 3,
    pagerank: 0.2,
    evidence: [evidence(s1, 8, 10), evidence('金宝说。', 0, 2)],
  });
  g.addNode('PLACE:苏吉嘎查', {
    label: '苏吉嘎查',
    kind: 'PLACE',
    aliases: ['苏吉', 'a, "b"\\c'],
    mentions: 2,
    articles: ['000_6a6b28fc1a4d90e2#1', '000_6a6b28fc1a4d90e2#2'],
    x: -7,
    y: 4.125,
    size: 5.5,
    color: '#4e79a7',
    community: 1,
    degree: 2,
    pagerank: 0.15,
    code: '150502105201',
    evidence: [evidence(s1, 0, 4)],
  });
  g.addNode('PROGRAM:驻村工作队', {
    label: '驻村工作队',
    kind: 'PROGRAM',
    aliases: ['工作队'],
    mentions: 1,
    articles: ['000_6a6b28fc1a4d90e2#1'],
    x: 0,
    y: 0,
    size: 4,
    color: '#59a14f',
    community: 1,
    degree: 1,
    pagerank: 0.1,
    evidence: [evidence(s1, 13, 18)],
  });
  g.addNode('ARTICLE:000_6a6b28fc1a4d90e2#1', {
    label: '第一书记的扶贫路',
    kind: 'ARTICLE',
    aliases: [],
    mentions: 1,
    articles: ['000_6a6b28fc1a4d90e2#1'],
    x: 3,
    y: 9,
    size: 3,
    color: '#bab0ac',
    community: 0,
    degree: 1,
    pagerank: 0.05,
    evidence: [evidence('第一书记的扶贫路', 0, 8)],
  });
  g.addDirectedEdgeWithKey('role:PERSON:金宝->PLACE:苏吉嘎查#第一书记', 'PERSON:金宝', 'PLACE:苏吉嘎查', {
    relation: 'role',
    label: '第一书记',
    weight: 1,
    articles: ['000_6a6b28fc1a4d90e2#1'],
    evidence: s1,
    evidenceList: [evidence(s1, 0, 10)],
    size: 1,
  });
  g.addUndirectedEdgeWithKey('co_occurs:PERSON:金宝--PLACE:苏吉嘎查', 'PERSON:金宝', 'PLACE:苏吉嘎查', {
    relation: 'co_occurs',
    label: '共现',
    weight: 2,
    articles: ['000_6a6b28fc1a4d90e2#1'],
    evidence: s1,
    evidenceList: [evidence(s1, 0, 10), evidence('金宝在苏吉嘎查。', 0, 7)],
    size: 2.5,
  });
  g.addDirectedEdgeWithKey('runs:PLACE:苏吉嘎查->PROGRAM:驻村工作队', 'PLACE:苏吉嘎查', 'PROGRAM:驻村工作队', {
    relation: 'runs',
    label: '组织',
    weight: 1,
    articles: ['000_6a6b28fc1a4d90e2#1'],
    evidence: s1,
    evidenceList: [evidence(s1, 0, 18)],
    size: 1,
  });
  g.addDirectedEdgeWithKey('authored:PERSON:金宝->ARTICLE:000_6a6b28fc1a4d90e2#1', 'PERSON:金宝', 'ARTICLE:000_6a6b28fc1a4d90e2#1', {
    relation: 'authored',
    label: '撰稿',
    weight: 1,
    articles: ['000_6a6b28fc1a4d90e2#1'],
    evidence: '□本报记者 金宝',
    evidenceList: [evidence('□本报记者 金宝', 6, 8)],
    size: 1,
  });
  return g;
}

/**
 * A synthetic graph in the shape `zhkg build` writes (graphology JSON with the contract's node and edge
 * attributes, evidence sentences included), of any size, deterministic for a seed. For the viewer's
 * big-graph bench and tests that need more nodes than the fixture (minimap). Sentences are made up here.
 */
const KINDS = ['PERSON', 'ORGANIZATION', 'PLACE', 'PROGRAM'] as const;
const COLORS: Record<string, string> = { PERSON: '#e15759', ORGANIZATION: '#4e79a7', PLACE: '#59a14f', PROGRAM: '#f28e2b' };
const TYPED = ['role', 'located_in', 'member_of', 'part_of', 'runs', 'participates_in', 'partner_of'] as const;
const SYLLABLES = '金宝苏吉萨仁和格日勒敖都新巴尔虎左旗通辽科尔沁庆玲明华志强海林东方红星光远山河清'.split('');

export interface SyntheticOptions {
  nodes: number;
  edges: number;
  seed?: number;
  /** Evidence sentences per edge (default 2). */
  evidence?: number;
}

export interface GraphJson {
  options: { type: string; multi: boolean; allowSelfLoops: boolean };
  attributes: Record<string, unknown>;
  nodes: { key: string; attributes: Record<string, unknown> }[];
  edges: { key: string; source: string; target: string; undirected?: boolean; attributes: Record<string, unknown> }[];
}

function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

export function syntheticGraph(o: SyntheticOptions): GraphJson {
  const rnd = prng(o.seed ?? 7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const perEdge = o.evidence ?? 2;
  const articles = Math.max(1, Math.round(o.nodes / 4));
  const nodes: GraphJson['nodes'] = [];
  const degree = new Array<number>(o.nodes).fill(0);
  const communities = Math.max(1, Math.round(Math.sqrt(o.nodes) / 3));
  for (let i = 0; i < o.nodes; i++) {
    const kind = KINDS[i % KINDS.length]!;
    const label = `${pick(SYLLABLES)}${pick(SYLLABLES)}${pick(SYLLABLES)}${i}`;
    const community = Math.floor(rnd() * communities);
    // communities as clusters on a circle, nodes spread around their centre
    const angle = (2 * Math.PI * community) / communities;
    const r = Math.sqrt(rnd()) * 40;
    const t = rnd() * 2 * Math.PI;
    nodes.push({
      key: `${kind.toLowerCase()}:${label}`,
      attributes: {
        label,
        kind,
        aliases: [],
        mentions: 1 + Math.floor(rnd() * 20),
        articles: [`a${Math.floor(rnd() * articles)}`],
        x: Math.cos(angle) * 300 + Math.cos(t) * r,
        y: Math.sin(angle) * 300 + Math.sin(t) * r,
        size: 0,
        color: COLORS[kind],
        community,
        confidence: Math.round(rnd() * 100) / 100,
        evidence: `${label}在会上介绍了当地的情况。`,
      },
    });
  }
  const edges: GraphJson['edges'] = [];
  for (let i = 0; i < o.edges; i++) {
    // preferential-ish: one end among the first tenth of nodes half of the time
    const a = rnd() < 0.5 ? Math.floor(rnd() * Math.max(1, o.nodes / 10)) : Math.floor(rnd() * o.nodes);
    let b = Math.floor(rnd() * o.nodes);
    if (b === a) b = (a + 1) % o.nodes;
    degree[a]!++;
    degree[b]!++;
    const co = rnd() < 0.6;
    const relation = co ? 'co_occurs' : pick(TYPED);
    const sa = nodes[a]!.attributes.label as string;
    const sb = nodes[b]!.attributes.label as string;
    const evidence = Array.from({ length: perEdge }, (_, k) => ({
      article: `a${Math.floor(rnd() * articles)}`,
      sentence: `第${k + 1}句：${sa}与${sb}一同参加了嘎查组织的活动，双方就合作事项交换了意见。`,
      spans: [
        [4, 4 + sa.length],
        [5 + sa.length, 5 + sa.length + sb.length],
      ],
    }));
    edges.push({
      key: `e${i}`,
      source: nodes[a]!.key,
      target: nodes[b]!.key,
      ...(co ? { undirected: true } : {}),
      attributes: {
        relation,
        label: co ? '共现' : relation,
        weight: 1 + Math.floor(rnd() * 5),
        articles: evidence.map((e) => e.article),
        evidenceList: evidence,
        evidence: evidence[0]!.sentence,
      },
    });
  }
  nodes.forEach((n, i) => {
    n.attributes.degree = degree[i];
    n.attributes.size = 3 + 2 * Math.sqrt(degree[i]!);
  });
  const table = Array.from({ length: articles }, (_, i) => ({ id: `a${i}`, title: `报道${i}`, section: '要闻' }));
  return { options: { type: 'mixed', multi: true, allowSelfLoops: true }, attributes: { articles: table }, nodes, edges };
}

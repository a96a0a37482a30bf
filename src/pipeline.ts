/**
 * The pipeline, end to end: sources → articles → (segmentation, entities) → resolution → relations →
 * graph → metrics → layout. Pure over decoded sources; `buildGraphFromPaths` adds the file reading.
 */
import type { MultiGraph } from 'graphology';
import type { Article, Entity, Mention, RelationFact, SourceDoc, Token } from './types.js';
import { stat } from 'node:fs/promises';
import { deserialize, serialize } from 'node:v8';
import { splitArticles } from './text/articles.js';
import { listInputFiles, readSources } from './text/read.js';
import { InputError } from './errors.js';
import type { ReadContext } from './intake/reader.js';
import { releaseJieba, segment } from './segment/jieba.js';
import { recognize, ruleCandidates } from './entities/index.js';
import type { Candidate } from './entities/rules/context.js';
import {
  Resolver,
  articleDrafts,
  draftsOf,
  resolveDrafts,
  resolveMadeDrafts,
  resolveEntities,
  storedDrafts,
  type ArticleDrafts,
  type NamingParts,
  type ResolverState,
  type StoredDraft,
} from './resolve/index.js';
import { extractRelations } from './relations/index.js';
import { RelationCache, type FactInputs } from './relations/cache.js';
import { GraphAssembler, buildGraph, type ArticleParts, type FoldedEdges } from './graph/build.js';
import { styleGraph } from './graph/style.js';
import { computeMetrics } from './layout/metrics.js';
import { layoutGraph } from './layout/forceatlas2.js';
import { ExtractionPool } from './parallel/pool.js';
import { RelationPass, type PassArticle, type PassWorkers } from './parallel/relation-pass.js';
import { PARALLEL_MIN_BYTES, BATCH_CHARS, RELATIONS_PARALLEL_MIN_ARTICLES, defaultWorkerCount, extractionThreads } from './parallel/sizes.js';
import { extractionInput } from './parallel/protocol.js';
import { packTokens } from './parallel/tokens.js';
import { WorkerSegmenter } from './parallel/segmenter.js';
import { useTableCaches } from './parallel/caches.js';
import { divisionsCache } from './parallel/divisions-cache.js';
import { boundArticles } from './parallel/bounds.js';
import { extractRelationsBounded } from './parallel/facts.js';
import type { ArticleRef, ExtractionStore, LazyStoredFile, ReadNote } from './store/types.js';
import { codeVersion } from './store/version.js';
import { StoreError } from './errors.js';
import { fileHash } from './store/hash.js';
import { checkShardName } from './store/shard.js';
import { loosenHeapGrowth, tightenHeapGrowth } from './util/heap.js';
import { divisionIndex } from './lexicon/divisions.js';

export type Stage = 'read' | 'extract' | 'resolve' | 'relations' | 'graph' | 'metrics' | 'layout';

export interface BuildOptions {
  /** Called as work advances (for progress bars). */
  onProgress?: (stage: Stage, done: number, total: number) => void;
  /** Seed of the layout and of community detection (default fixed: same input, same output). */
  seed?: number;
  /**
   * Drop entity nodes whose `confidence` is below this (0–1; default 0 keeps all), with their mentions, so
   * no relation or co-occurrence reaches them.
   */
  minConfidence?: number;
  /** Skip ForceAtlas2 (positions stay seeded-random); for tests and callers that lay out themselves. */
  layout?: boolean;
  /**
   * `false` (read by `buildGraphFromPaths`): the result's `facts` stay empty, and a build without a store folds each
   * article's relation facts into the graph's edges as they are made (the relation pass of a build over a store),
   * instead of resolving every mention and sorting the list of all facts first: the same graph, in less memory on a
   * large input (at 50 MB ~2.8M facts, most of them co-occurrences; docs/scale.md, "Facts folded"). `zhkg build`
   * asks for this: it keeps only the graph. Default true.
   */
  facts?: boolean;
  /**
   * Extraction threads for `buildGraphFromPaths` (default: os.availableParallelism()); 1 keeps everything
   * on the main thread. With 2 or 3, a large input is segmented on the main thread and recognized on
   * `workers - 1` worker threads; with more, on `workers` worker threads that segment too. The graph is the
   * same either way.
   */
  workers?: number;
  /**
   * The name a file goes by in the graph (article `source`, evidence `source`); default: its path
   * relative to the input it was found under (`listInputFiles`), so outputs do not depend on where the
   * corpus lies or how its path is spelled. `zhkg build` names the bundled corpus `data/<file>`.
   */
  sourceName?: (path: string) => string;
  /**
   * When set, a file that cannot be read or decoded (binary, unreadable, too large, a broken PDF) is
   * reported here and skipped instead of failing the build (and a reader that can drop one bad part of a
   * file reports that part here and goes on). Default: the build fails on the first such file.
   */
  onBadFile?: (path: string, error: InputError) => void;
  /** JSONL field names: which key holds text, title, date, url, source (`{ text: 'content' }`). */
  fields?: ReadContext['fields'];
  /** Non-fatal remarks of the readers (a web page without an article body …), one line each. */
  onWarning?: (message: string) => void;
  /** Inputs below this many bytes in total are extracted on the main thread (default PARALLEL_MIN_BYTES). */
  parallelMinBytes?: number;
  /** Characters per worker batch (default BATCH_CHARS); small values are for tests of the merge order. */
  batchChars?: number;
  /**
   * A store of extraction results (src/store/): files stored with the same content and pipeline version
   * are not read or extracted again, new and changed files are extracted and stored (one transaction
   * each), and stored files that are not among the inputs any more are forgotten. The graph is the same
   * as without a store, byte for byte.
   */
  store?: ExtractionStore;
  /**
   * Called when a file's results are being stored: `open` inside its transaction, `committed` after it
   * (count: files stored so far by this build). For test hooks.
   */
  onStored?: (phase: 'open' | 'committed', count: number) => void;
  /**
   * A shard of a store shared by several builders (`zhkg build --shard NAME`): its files are named
   * `NAME/<name>` (as in a build of the folder holding the shards) and forgetting files that are gone
   * only considers files of this shard, never other shards'.
   */
  shard?: string;
  /**
   * With a store and a few new files (extracted on one worker thread), resolve the stored files while the
   * new ones are extracted (default true; the graph is the same either way).
   */
  resolveWhileExtracting?: boolean;
  /**
   * With a store, or without one given `facts: false`: the relation pass makes articles' facts on worker threads
   * (`workers` − 1 of them) when at least this many articles' facts are to be made (default
   * RELATIONS_PARALLEL_MIN_ARTICLES; src/parallel/relation-pass.ts); the graph is the same.
   */
  relationsMinArticles?: number;
  /**
   * For a one-shot process (`zhkg build`): the model's tables and the division index come from the table caches,
   * or are written there for the next process (./parallel/caches.ts), on this thread when the input is extracted
   * here, else on the first extraction worker; when the input is extracted on this thread and unless
   * `workers: 1`, the input is segmented on a worker thread started with the first file to extract, while this
   * thread loads the model, the rule lexicons and the division index (./parallel/segmenter.ts), so a cold small
   * build pays the longest of the two loads, not their sum. The graph is the same. Default false: in a
   * long-lived process what is loaded once serves every later build.
   */
  oneShot?: boolean;
  /**
   * With `oneShot`: the segmenter to use, already started (`earlySegmenter`: by `zhkg build` before this module
   * loaded). The build closes it, whether it used it or not.
   */
  segmenter?: WorkerSegmenter;
}

/** What a build did with its store. */
export interface StoreUse {
  /** Files whose stored results were used. */
  reused: number;
  /** Files extracted and stored. */
  extracted: number;
  /** Stored files forgotten (no longer among the inputs). */
  forgotten: number;
  /** Files extracted here that another builder had stored meanwhile (nothing was written twice). */
  alreadyStored?: number;
  /**
   * Articles whose relation facts were reused from the store (nothing they were made from had changed), and
   * articles whose facts were made (new, or something they read changed); absent when the store keeps none.
   * `kept`: of the reused, the articles whose facts came already folded into the edges the last build kept
   * (`EdgeState`), when there were any.
   */
  relations?: { reused: number; made: number; kept?: number };
}

export interface BuildResult {
  graph: MultiGraph;
  /**
   * The articles. Empty when the build used a store: their texts stay in the store and are read from it one
   * file at a time (see `articleCount`).
   */
  articles: Article[];
  /** How many articles the graph was built from. */
  articleCount: number;
  entities: Entity[];
  /**
   * Relation facts, sorted (empty when the build used a store or was given `facts: false`: facts are then folded into edges as they are made). For inputs extracted on worker threads, facts beyond the evidence their edge
   * keeps (MAX_EDGE_EVIDENCE) have empty `spans`/`sourceSpans` (src/parallel/facts.ts).
   */
  facts: RelationFact[];
  /** Present when the build used a store. */
  store?: StoreUse;
  /**
   * The store's generation once this build's files were stored and the gone ones forgotten: the graph
   * is saved for it (`ExtractionStore.saveGraph`), unless another builder changed the store since.
   */
  storeGeneration?: number;
}

/** Confidence of a byline's or photo credit's name (the layout says it is a name). */
export const AUTHOR_CONFIDENCE = 0.95;

/**
 * Entity mentions of one article: the recognizer's, plus bylines and photo credits as PERSON. Each carries
 * its confidence as `score` unless `confidence: false` (then no forward–backward pass is spent on it).
 */
export function extractArticleMentions(
  article: Article,
  options: { nested?: boolean; confidence?: boolean; tokens?: Token[]; ruleCandidates?: readonly Candidate[] } = {},
): Mention[] {
  const tokens = options.tokens ?? segment(article.text);
  const confidence = options.confidence !== false;
  const found = recognize(article.text, {
    tokens,
    gaps: article.gaps,
    nested: options.nested !== false,
    confidence,
    ...(options.ruleCandidates ? { ruleCandidates: options.ruleCandidates } : {}),
  });
  const authors: Mention[] = article.authors.map((a) => ({
    start: a.start,
    end: a.end,
    text: a.name,
    kind: 'PERSON',
    ...(confidence ? { score: AUTHOR_CONFIDENCE } : {}),
  }));
  const kept = found.filter((m) => !authors.some((a) => m.start < a.end && a.start < m.end));
  return [...kept, ...authors].sort((a, b) => a.start - b.start || b.end - a.end);
}

/**
 * Loads what recognition reads — the model and its tables, the rule lexicons, the division index — by
 * recognizing one short sentence of our own with its tokens given (no segmenter needed); its mentions are
 * dropped. For the early segmenter: this thread loads these while the worker loads the dictionary.
 */
export function warmRecognizer(): void {
  const text = '北京市朝阳区的王建国说，合作社开会。';
  const words: Array<[string, string]> = [
    ['北京市', 'ns'],
    ['朝阳区', 'ns'],
    ['的', 'uj'],
    ['王建国', 'nr'],
    ['说', 'v'],
    ['，', 'x'],
    ['合作社', 'n'],
    ['开会', 'v'],
    ['。', 'x'],
  ];
  const tokens: Token[] = [];
  let at = 0;
  for (const [word, tag] of words) {
    tokens.push({ word, tag, start: at, end: at + word.length });
    at += word.length;
  }
  recognize(text, { tokens, nested: true, confidence: true });
}

/**
 * Articles of the documents of one file (its pages …), numbered on across them, over-long ones cut (`boundArticles`);
 * what `zhkg extract FILE` recognizes too (src/extract.ts).
 */
export function articlesOfFile(docs: SourceDoc[]): Article[] {
  const all: Article[] = [];
  for (const d of docs) for (const a of splitArticles(d, all.length + 1)) all.push(a);
  return boundArticles(all);
}

/** Articles of documents: those of one file (same path, in a row) are numbered together. */
export function articlesOfDocs(docs: SourceDoc[]): Article[] {
  const out: Article[] = [];
  for (let i = 0; i < docs.length;) {
    let j = i + 1;
    while (j < docs.length && docs[j]!.path === docs[i]!.path) j++;
    for (const a of articlesOfFile(docs.slice(i, j))) out.push(a);
    i = j;
  }
  return out;
}

/** Builds the graph from decoded sources (no IO). */
export function buildFromSources(docs: SourceDoc[], options: BuildOptions = {}): BuildResult {
  const progress = options.onProgress ?? (() => {});
  const articles = articlesOfDocs(docs);
  const mentions = articles.map((article, i) => {
    const found = extractArticleMentions(article);
    progress('extract', i + 1, articles.length);
    return found;
  });
  return buildFromMentions(articles, mentions, options);
}

/** The stages after extraction: resolution, relations, graph, metrics, layout. */
function buildFromMentions(rawArticles: Article[], found: Mention[][], options: BuildOptions, large = false): BuildResult {
  const progress = options.onProgress ?? (() => {});
  // Ids depend on all files (same stems in two folders) but extraction does not read them.
  const articles = assignUniqueIds(rawArticles);
  progress('resolve', 0, 1);
  const resolution = resolveEntities(articles.map((article, i) => ({ article, mentions: found[i]! })));
  found.length = 0; // raw mentions are not needed any more: large inputs should not hold them twice
  const { entities } = dropWeak(resolution, options.minConfidence ?? 0);
  progress('relations', 0, 1);
  // Large inputs: relations in chunks, surplus evidence of facts dropped (same graph, far less memory).
  const facts = large ? extractRelationsBounded(articles, resolution.mentions, entities) : extractRelations(articles, resolution.mentions, entities);
  resolution.mentions = [];
  progress('graph', 0, 1);
  const graph = buildGraph(entities, articles, facts);
  measured(graph, options);
  return { graph, articles, articleCount: articles.length, entities, facts };
}

/** The metrics, the style and (unless `layout: false`) the layout of a built graph. */
function measured(graph: MultiGraph, options: BuildOptions): void {
  const progress = options.onProgress ?? (() => {});
  progress('metrics', 0, 1);
  computeMetrics(graph, options.seed ?? 42);
  styleGraph(graph);
  if (options.layout !== false) {
    progress('layout', 0, 1);
    layoutGraph(graph, { seed: options.seed ?? 7 });
  }
}

/** Articles per "file" of the relation pass of a build without a store (RelationPass folds a file at a time). */
const PASS_ARTICLES = 16;

/**
 * The relation pass's workers in a build (`workers` − 1 threads, once `relationsMinArticles` articles are left to
 * it), or none in a build on one thread.
 */
function passWorkers(options: BuildOptions, parts: NamingParts, weak: ReadonlySet<string>, entities: readonly Entity[]): PassWorkers | undefined {
  const workers = options.workers ?? defaultWorkerCount();
  if (workers < 2) return undefined;
  return { threads: workers - 1, parts, weak, entities, minArticles: options.relationsMinArticles ?? RELATIONS_PARALLEL_MIN_ARTICLES };
}

/**
 * The stages after extraction of `buildGraphFromPaths` without a store. When the caller keeps only the graph (`facts:
 * false`), each article's facts are folded into their edges as they are made (RelationPass, as a build over a store
 * runs it: on worker threads when there are many articles and a core to spare, their entries carrying the facts
 * here), and neither the corpus's resolved mentions nor its facts are held; otherwise `buildFromMentions`. The
 * same graph either way.
 */
async function buildFromExtracted(
  rawArticles: Article[],
  found: Mention[][],
  options: BuildOptions,
  large: boolean,
  drafted?: StoredDraft[][],
): Promise<BuildResult> {
  if (options.facts !== false) return buildFromMentions(rawArticles, found, options, large);
  const progress = options.onProgress ?? (() => {});
  const articles = assignUniqueIds(rawArticles);
  progress('resolve', 0, 1);
  // Drafts made during extraction (they do not depend on the article's id) are given back their article.
  const resolved = drafted
    ? resolveMadeDrafts(articles.map((a, i) => draftsOf(a, drafted[i]!)))
    : resolveDrafts(articles.map((article, i) => ({ article, mentions: found[i]! })));
  const { drafts, naming, parts, entities: all } = resolved;
  found.length = 0;
  if (drafted) drafted.length = 0; // given back their article above: held no longer (the caller holds the list)
  const weak = weakKeys(all, options.minConfidence ?? 0);
  const entities = weak.size > 0 ? all.filter((e) => !weak.has(e.key)) : all;
  progress('relations', 0, 1);
  const assembler = new GraphAssembler();
  for (const a of articles) assembler.addArticle(a);
  assembler.setEntities(entities);
  const relations = new RelationCache(naming, weak, new Map(entities.map((e) => [e.key, e])));
  // Nothing keeps an entry: on the workers an article's facts come as one, on this thread they are made without.
  const pass = new RelationPass(relations, assembler, { reused: 0, made: 0 }, articles.length, passWorkers(options, parts, weak, entities));
  try {
    for (let i = 0; i < articles.length; i += PASS_ARTICLES) {
      await pass.file(
        articles.slice(i, i + PASS_ARTICLES).map((a, k): PassArticle => ({ k, a, drafts: () => drafts[i + k]! })),
        false,
      );
    }
    await pass.finish();
  } finally {
    await pass.close();
  }
  progress('graph', 0, 1);
  const graph = assembler.finish();
  measured(graph, options);
  return { graph, articles, articleCount: articles.length, entities, facts: [] };
}

/** Keys of the entities below `min` confidence (none when `min` is 0). */
function weakKeys(entities: readonly Entity[], min: number): Set<string> {
  if (!(min > 0)) return new Set();
  return new Set(entities.filter((e) => typeof e.attributes?.['confidence'] === 'number' && e.attributes['confidence'] < min).map((e) => e.key));
}

/** Entities below `min` confidence, and their mentions, removed from a resolution (in place). */
function dropWeak(resolution: ReturnType<typeof resolveEntities>, min: number): ReturnType<typeof resolveEntities> {
  const weak = weakKeys(resolution.entities, min);
  if (weak.size === 0) return resolution;
  resolution.entities = resolution.entities.filter((e) => !weak.has(e.key));
  resolution.mentions = resolution.mentions.filter((m) => !weak.has(m.entity));
  return resolution;
}

/**
 * Reads files and folders of inputs (sorted; text, PDF, HTML … through src/intake/), then builds. Files are read and split one at a time (no file's
 * text outlives its articles). Inputs of `parallelMinBytes` or more go to a pool of worker threads in
 * batches, at most two batches per worker in flight, and results are merged by position; the main thread
 * then segments (one dictionary in the process instead of one per worker; freed when extraction ends) and
 * never loads the model.
 */
export async function buildGraphFromPaths(paths: string[], options: BuildOptions = {}): Promise<BuildResult> {
  // With a store, the stored files are resolved while the new ones are still being extracted (`early`).
  let early: Resolving | undefined;
  const g = await gather(paths, options, async (store, units, refs) => {
    early = new Resolving(store, units, refs, options);
    await early.run(units.filter((u) => 'reused' in u));
  });
  if (!g.stored) return buildFromExtracted(g.articles as Article[], g.found, options, g.large, g.drafted);
  const { store, units, refs, use, generation } = g.stored;
  const { result, relations } = await streamFromStore(early ?? new Resolving(store, units, refs, options), { articles: g.articles, found: g.found }, options);
  return { ...result, store: { ...use, ...(relations ? { relations } : {}) }, storeGeneration: generation };
}

/**
 * Reads, extracts and stores the files of one shard (`options.shard`) or of the whole store, without
 * assembling a graph: the graph of a store written by several shard builders is made by
 * `buildGraphFromStore` (`zhkg export`).
 */
export async function storeFromPaths(paths: string[], options: BuildOptions & { store: ExtractionStore }): Promise<StoreUse & { articles: number }> {
  const { stored } = await gather(paths, options);
  return { ...stored!.use, articles: stored!.refs.length };
}

export { checkShardName };

/**
 * The graph of every file in a store, assembled as a build of the folder holding them assembles it
 * (files in walk order, resolution and relations corpus-wide, read back one file at a time): what
 * `zhkg export` writes from a store that shard builders filled. Refused with one line when a shard's build
 * did not finish, or when the files are not all of the store's pipeline version, of this zhkg (never mixed).
 */
export async function buildGraphFromStore(store: ExtractionStore, options: BuildOptions = {}): Promise<BuildResult & { generation: number }> {
  tightenHeapGrowth();
  const snap = await store.snapshot();
  if (snap.unfinished.length > 0) {
    const which = snap.unfinished.map((s) => (s === '' ? 'a whole-store build' : `shard ${s}`)).join(', ');
    throw new StoreError(`the last build of ${which} did not finish: run it again, then export`, store.location);
  }
  if (snap.files.length === 0) throw new StoreError('the store holds no files: run zhkg build first', store.location);
  const counts = new Map<string, number>();
  for (const f of snap.files) counts.set(f.version, (counts.get(f.version) ?? 0) + 1);
  const mine = codeVersion();
  if (counts.size > 1 || !store.version.startsWith(`${mine}-`) || !counts.has(store.version)) {
    const list = [...counts].map(([v, n]) => `${v.slice(0, 8)}…: ${n} file${n === 1 ? '' : 's'}`).join(', ');
    throw new StoreError(
      `the store holds files of ${counts.size} pipeline version${counts.size === 1 ? '' : 's'} (${list}), this zhkg is ${mine.slice(0, 8)}…: ` +
        'build every shard with this zhkg and the same --field settings, then export',
      store.location,
    );
  }
  const refs: ArticleRef[] = [];
  const units: Unit[] = [];
  for (const f of snap.files) {
    const peeked = await store.peek(f.name, f.hash);
    if (!peeked) throw new StoreError(`the stored results of ${f.name} changed while the graph was assembled (a builder?); export again`, store.location);
    for (const a of peeked.articles) refs.push({ id: a.id, source: a.source });
    units.push({ name: f.name, hash: f.hash, count: peeked.articles.length });
  }
  const { result } = await streamFromStore(new Resolving(store, units, refs, options), { articles: [], found: [] }, options);
  return { ...result, generation: snap.generation };
}

/** What reading the inputs gave: articles and raw mentions held here, and with a store, what it holds. */
interface Gathered {
  articles: Array<Article | undefined>;
  found: Mention[][];
  /** Without a store, when workers extracted and the graph is folded (`facts: false`): each article's drafts. */
  drafted?: StoredDraft[][];
  large: boolean;
  stored?: { store: ExtractionStore; units: Unit[]; refs: ArticleRef[]; use: StoreUse; generation: number };
}

/**
 * Reads and extracts the inputs, through the store when one is given (see buildGraphFromPaths). With a
 * store, `early` is called once every input is listed and read, while extraction may still run, with the
 * corpus's files (reused ones marked `reused`) and article refs.
 */
async function gather(
  paths: string[],
  options: BuildOptions,
  early?: (store: ExtractionStore, units: Unit[], refs: ArticleRef[]) => Promise<void>,
): Promise<Gathered> {
  try {
    return await gatherInputs(paths, options, early);
  } finally {
    options.segmenter?.close(); // closed when used; else not used (a pool, nothing to extract, a failure)
  }
}

async function gatherInputs(
  paths: string[],
  options: BuildOptions,
  early?: (store: ExtractionStore, units: Unit[], refs: ArticleRef[]) => Promise<void>,
): Promise<Gathered> {
  const inputs = await listInputFiles(paths);
  if (inputs.length === 0) throw new InputError(`no input file found (.txt, .jsonl, .pdf, .html …; nothing was written)`, paths.join(', ') || 'no input given');
  const files = inputs.map((f) => f.path);
  let readCount = 0;
  const workers = options.workers ?? defaultWorkerCount();
  const minBytes = options.parallelMinBytes ?? PARALLEL_MIN_BYTES;
  const store = options.store;
  const shard = options.shard === undefined ? undefined : checkShardName(options.shard);
  // A build with a store streams the corpus: what survives is small, what is allocated is not (util/heap.ts).
  if (store) tightenHeapGrowth();
  const use: StoreUse = { reused: 0, extracted: 0, forgotten: 0 };
  let segmenter: WorkerSegmenter | undefined;
  const nameOf = (f: string, i: number) => {
    const name = options.sourceName ? options.sourceName(f) : inputs[i]!.name;
    return shard === undefined ? name : `${shard}/${name}`;
  };
  await store?.markBuild(shard ?? '', 'started');
  // With a store, files are hashed and looked up first: only what must be extracted counts towards starting
  // worker threads (one new page beside a stored corpus is extracted on this thread, without loading the
  // segmenter and the model in two workers).
  // A file that cannot be hashed is left to the reader, which reports (or skips) it as without a store.
  // A one-shot build beside a stored corpus: files under names the store does not hold are new for sure, known
  // before any file is hashed; when they are few, their segmenter (a worker: see `segmentsBeside`) starts loading
  // its dictionary now, beside the hashing, rather than once every file is hashed and looked up.
  if (store && options.oneShot && workers > 1) {
    const stored = new Set(await store.names());
    const unseen = stored.size > 0 ? files.filter((f, i) => !stored.has(nameOf(f, i))) : [];
    if (unseen.length > 0 && (await totalBytes(unseen)) < minBytes) segmenter = options.segmenter ?? new WorkerSegmenter();
  }
  const hashes: Array<string | undefined> = store ? await hashAll(files) : [];
  const peeked: Array<Awaited<ReturnType<ExtractionStore['peek']>>> = [];
  try {
    if (store) for (const [i, f] of files.entries()) peeked.push(hashes[i] === undefined ? undefined : await store.peek(nameOf(f, i), hashes[i]));
  } catch (err) {
    segmenter?.close(); // (closed below once the files are read)
    throw err;
  }
  // Results stored with a bad part skipped are only reused when this build skips bad parts too.
  const reusable = (i: number) => peeked[i] !== undefined && (options.onBadFile !== undefined || !peeked[i].notes.some((n) => 'badPart' in n));
  const fresh = files.filter((_f, i) => !reusable(i));
  const freshBytes = await totalBytes(fresh);
  const large = workers > 1 && freshBytes >= minBytes;
  // Beside a stored corpus, a few new files are extracted on one worker thread rather than this one: the
  // segmenter's dictionary and the model (~450 MB, never freed in this thread) are then gone before the
  // passes over the whole corpus, for a worker's start (~1 s).
  // A large input on a few cores: this thread reads and segments, `workers - 1` worker threads recognize (on 2
  // cores one worker, whose one isolate and one start cost less CPU than two, see docs/scale.md); on more cores,
  // where this thread could not segment fast enough for them, `workers` worker threads segment and recognize.
  // In a one-shot process (`zhkg build`), only their segmentation goes to a worker (the dictionary's load is most of
  // a worker's start): this thread loads the model meanwhile, resolves the stored files, and recognizes the new
  // articles when their tokens come (the model is then held here beside the stored corpus's passes: the peak RSS of
  // a +1 page build at 50 MB did not rise, docs/scale.md).
  const threads = extractionThreads(workers);
  const segmentHere = large && threads.mainSegments;
  const besideStore = workers > 1 && store !== undefined && fresh.length < files.length && freshBytes > 0;
  const segmentsBeside = besideStore && !large && options.oneShot === true;
  if (large && segmenter) {
    // Started early for files that turned out to be many: the pool segments them.
    segmenter.close();
    segmenter = undefined;
  }
  const poolSize = large ? threads.poolSize : besideStore && !segmentsBeside ? 1 : 0;
  // With a store, a file's articles and mentions are dropped once stored: the stages after extraction read
  // them back from the store one file at a time (streamFromStore), so texts are never all held.
  const articles: Array<Article | undefined> = [];
  const found: Mention[][] = [];
  // With a store: each article's resolution drafts, made once at extraction (on the worker that found its
  // mentions, where the division index is loaded) and stored with it, so no later build drafts it again.
  // Without one, when workers extract for a folded graph (`facts: false`): made here while this thread would wait for
  // the workers (reading held back, every batch sent), for the articles whose mentions came back, instead of all
  // after extraction.
  const drafted: Array<StoredDraft[] | undefined> = [];
  const draftHere = !store && options.facts === false;
  /** Articles whose mentions came back and whose drafts are to be made here. */
  const toDraft: number[] = [];
  const draftWaiting = () => {
    for (const i of toDraft) drafted[i] = storedDrafts(articles[i]!, found[i]!);
    toDraft.length = 0;
  };
  /** Every article's id and source, in corpus order (ids are made unique across files from these). */
  const refs: ArticleRef[] = [];
  /** With a store: the files of the corpus in order, as stored ones or ranges of articles held here. */
  const units: Unit[] = [];
  const batches: Array<Promise<void>> = [];
  let pool: ExtractionPool | undefined;
  let warmed = false;
  let batch: number[] = [];
  let batchChars = 0;
  // Files being extracted into the store: each is stored once all its articles' mentions are found.
  const pending = new Map<number, { name: string; hash: string; first: number; count: number; left: number; notes: ReadNote[] }>();
  const fileOf: number[] = []; // article index → input file index (only for files that will be stored)
  // Files are stored one after another, in the order they are complete (a store takes one write at a time).
  let storing: Promise<void> = Promise.resolve();
  const storeFile = (k: number): Promise<void> => {
    const f = pending.get(k)!;
    pending.delete(k);
    const range = (list: unknown[]) => list.slice(f.first, f.first + f.count);
    const file = {
      name: f.name,
      hash: f.hash,
      articles: range(articles) as Article[],
      mentions: range(found) as Mention[][],
      ...(store?.keepsDrafts ? { drafts: range(drafted) as StoredDraft[][] } : {}),
      notes: f.notes,
    };
    for (let j = f.first; j < f.first + f.count; j++) {
      articles[j] = undefined;
      found[j] = [];
      drafted[j] = undefined;
    }
    storing = storing.then(async () => {
      const n = use.extracted + 1;
      const wrote = await store!.put(file, () => options.onStored?.('open', n));
      if (!wrote) use.alreadyStored = (use.alreadyStored ?? 0) + 1;
      use.extracted = n;
      options.onStored?.('committed', n);
    });
    return storing;
  };
  const settle = (index: number): Promise<void> | undefined => {
    const k = fileOf[index];
    if (k === undefined) return undefined;
    const f = pending.get(k)!;
    if (--f.left === 0) return storeFile(k);
    return undefined;
  };
  const flush = () => {
    if (!pool || batch.length === 0) return;
    const at = batch;
    batch = [];
    batchChars = 0;
    // A large input on a few cores is segmented here and recognized there: one dictionary in the process instead
    // of one per worker (./parallel/tokens.ts). Otherwise the workers segment, as does the one worker beside a
    // stored corpus (this thread resolves meanwhile).
    const tagNames: string[] = [];
    const tagIndex = new Map<string, number>();
    // With the tokens, the rule families' candidates: this thread idles while the worker runs the model.
    const inputs = at.map((i) => {
      const a = articles[i]!;
      if (!segmentHere) return extractionInput(a);
      const tokens = segment(a.text);
      return extractionInput(a, packTokens(tokens, tagNames, tagIndex), ruleCandidates(a.text, tokens, a.gaps));
    });
    const done = pool.batch(inputs, store?.keepsDrafts === true, segmentHere ? tagNames : undefined).then(async ({ mentions: ms, drafts }) => {
      const stores: Array<Promise<void>> = [];
      ms.forEach((m, k) => {
        found[at[k]!] = m;
        if (drafts) drafted[at[k]!] = drafts[k];
        else if (draftHere) toDraft.push(at[k]!);
        const s = settle(at[k]!);
        if (s) stores.push(s);
      });
      await Promise.all(stores);
    });
    done.catch(() => {}); // handled by the Promise.all below; a failure must not crash the process first
    batches.push(done);
  };
  const kept = new Set<string>();
  try {
    // The pool starts with the first file that needs extraction (a fully stored corpus needs none); so does
    // the one-shot start (table cache, segmenter): this thread then loads what recognition reads while the
    // worker loads jieba.
    const needPool = () => {
      if (!pool && poolSize > 0) {
        pool = new ExtractionPool(poolSize, options.oneShot === true);
        // This thread runs the rule families (they read the division index), and resolution later: the index from the
        // cache when it holds it (the worker writes it otherwise; this thread only reads).
        if (options.oneShot && segmentHere) divisionsCache.adopt();
      }
      if (!pool && !warmed && options.oneShot) {
        warmed = true;
        if (workers > 1) segmenter ??= options.segmenter ?? new WorkerSegmenter();
        useTableCaches(warmRecognizer);
      }
    };
    for (const [i, f] of files.entries()) {
      const name = nameOf(f, i);
      const hash = hashes[i];
      const stored = peeked[i];
      if (stored && reusable(i)) {
        for (const note of stored.notes) {
          if ('warning' in note) options.onWarning?.(note.warning);
          else options.onBadFile?.(f, new InputError(note.badPart));
        }
        for (const a of stored.articles) refs.push({ id: a.id, source: a.source });
        units.push({ name, hash: hash!, count: stored.articles.length, reused: true });
        kept.add(name);
        readCount++;
        use.reused++;
        options.onProgress?.('read', i + 1, files.length);
        continue;
      }
      const notes: ReadNote[] = [];
      const docs = await readOrSkip(f, options, store ? notes : undefined);
      if (!docs) {
        options.onProgress?.('read', i + 1, files.length);
        continue;
      }
      readCount++;
      needPool();
      const split = articlesOfDocs(docs.map((d) => ({ ...d, path: name })));
      const toStore = store !== undefined && hash !== undefined;
      if (toStore) {
        kept.add(name);
        pending.set(i, { name, hash, first: articles.length, count: split.length, left: split.length, notes });
        units.push({ name, hash, count: split.length });
      } else if (store) units.push({ first: articles.length, count: split.length });
      // All of a file's texts go to the segmenter at once: it segments the next while this thread recognizes.
      const tokens = segmenter ? split.map((a) => segmenter!.segment(a.text)) : [];
      for (const t of tokens) t.catch(() => {}); // each is awaited below, in order
      for (const [k, article] of split.entries()) {
        refs.push({ id: article.id, source: article.source });
        const index = articles.push(article) - 1;
        if (toStore) fileOf[index] = i;
        if (!pool && segmentsBeside) {
          // Recognized when its tokens come; its file is stored once all its articles are (`settle`).
          const done = (tokens[k] ?? Promise.resolve(undefined)).then(async (t) => {
            found[index] = extractArticleMentions(article, t ? { tokens: t } : {});
            if (toStore && store.keepsDrafts) drafted[index] = storedDrafts(article, found[index]);
            await settle(index);
          });
          done.catch(() => {}); // handled by the Promise.all below
          batches.push(done);
          continue;
        }
        if (!pool) {
          found[index] = extractArticleMentions(article, tokens[k] ? { tokens: await tokens[k] } : {});
          if (toStore && store.keepsDrafts) drafted[index] = storedDrafts(article, found[index]);
          continue;
        }
        batch.push(index);
        batchChars += article.text.length;
        if (batchChars >= (options.batchChars ?? BATCH_CHARS)) flush();
        // Bounded look-ahead: reading waits while the workers are behind.
        if (pool.inFlight > 2 * pool.size) {
          draftWaiting();
          await pool.waitUntilBelow(2 * pool.size + 1);
        }
      }
      // Extracted here (or nothing to extract): stored at once; with workers, when the last batch returns.
      if (toStore && ((!pool && !segmentsBeside) || split.length === 0)) await storeFile(i);
      options.onProgress?.('read', i + 1, files.length);
    }
    flush();
    draftWaiting();
    // Every batch is segmented: the dictionaries are freed now, while the workers recognize the last batches (~0.3 s
    // of this thread's time that would otherwise follow them).
    if (segmentHere) releaseSegmentation();
    // Beside a stored corpus, the stored files are resolved while one worker extracts the few new ones (this
    // thread would only wait). Not with a pool of several workers (much to extract): resolution's tables
    // would then grow beside extraction's peak instead of after it.
    // When they are resolved before the worker is done, this thread loads the division index meanwhile: the
    // relations pass reads it for the new articles' places (~1 s it would otherwise spend then).
    let extracted = false;
    const overlap =
      store && early && !large && options.resolveWhileExtracting !== false
        ? early(store, units, refs).then(() => {
            if (!extracted && pool) divisionIndex();
          })
        : undefined;
    overlap?.catch(() => {}); // awaited below, after extraction (whose failure comes first)
    let done = 0;
    await Promise.all(batches.map((b) => b.then(() => options.onProgress?.('extract', ++done, batches.length))));
    draftWaiting(); // the batches that came back after every one was sent
    extracted = true;
    await storing;
    await overlap;
  } finally {
    await pool?.close();
    segmenter?.close();
    // (Already done unless the reading failed.)
    if (segmentHere) releaseSegmentation();
  }
  if (readCount === 0) throw new InputError(`no input file could be read (all ${files.length} skipped; nothing was written)`, paths.join(', '));
  if (!store) return { articles, found, large, ...(pool && draftHere ? { drafted: drafted as StoredDraft[][] } : {}) };
  use.forgotten = await store.forgetExcept(kept, shard);
  const generation = await store.generation();
  await store.markBuild(shard ?? '', 'finished');
  return { articles, found, large, stored: { store, units, refs, use, generation } };
}

/**
 * Frees the dictionaries this thread segmented with, as the workers' are (~250 MB): the stages after extraction never
 * segment. Nothing is freed when nothing was loaded; a second call does nothing.
 */
function releaseSegmentation(): void {
  try {
    releaseJieba();
  } catch {
    // nodejieba failed to load (the build reports that) or cannot load the stand-in: nothing more to do
  }
}

/**
 * A file of the corpus: stored (read back by name and hash; `reused` when this build did not extract it), or a
 * range of articles held in memory.
 */
type Unit = { name: string; hash: string; count: number; reused?: true } | { first: number; count: number };

/**
 * Reading a stored corpus back, one file at a time in corpus order, and its resolution (pass 1 of
 * `streamFromStore`): each article's drafts go to a `Resolver` at the article's position in the corpus, so
 * files may be resolved in any order — the stored ones while new ones are still being extracted.
 */
class Resolving {
  readonly resolver = new Resolver();
  /** The graph being assembled: pass 1 gives it each article (its record and ARTICLE node), pass 2 the facts. */
  readonly assembler = new GraphAssembler({ packEntities: true });
  private readonly renamed: Map<string, string>;
  /** Position in corpus order of each file's first article. */
  private readonly startOf = new Map<Unit, number>();
  private readonly resolved = new Set<Unit>();
  private started = false;
  /** Articles whose resolution was taken up from the last build's (`restore`). */
  private restored = 0;

  constructor(
    readonly store: ExtractionStore,
    readonly units: Unit[],
    readonly refs: ArticleRef[],
    private readonly options: BuildOptions,
  ) {
    this.renamed = uniqueStems(refs);
    let at = 0;
    for (const u of units) {
      this.startOf.set(u, at);
      at += u.count;
    }
  }

  /**
   * Visits the articles of `u` with their position in the corpus and their drafts (`drafts()`: the stored ones
   * when the store keeps them, else made from the raw mentions).
   */
  async visit(
    u: Unit,
    held: { articles: Array<Article | undefined>; found: Mention[][] },
    f: (a: Article, drafts: () => ArticleDrafts, at: number) => void,
  ): Promise<void> {
    if ('first' in u) {
      for (let j = u.first; j < u.first + u.count; j++) {
        const a = withStem(held.articles[j]!, this.renamed);
        f(a, () => articleDrafts(a, held.found[j]!), this.position(u, j - u.first));
      }
      return;
    }
    const file = await this.read(u.name, u.hash);
    if (!file) throw new StoreError(`the stored results of ${u.name} changed during the build (another build?); run it again`, this.store.location);
    const { draftsOf: stored, mentionsOf } = file;
    file.articles.forEach((raw, k) => {
      const a = withStem(raw, this.renamed);
      f(a, () => (stored ? draftsOf(a, stored(k)) : articleDrafts(a, mentionsOf(k))), this.position(u, k));
    });
  }

  /** A stored file, its mentions and drafts deserialized when asked for (through `lookup` for engines without `read`). */
  private async read(name: string, hash: string): Promise<LazyStoredFile | undefined> {
    if (this.store.read) return this.store.read(name, hash);
    const file = await this.store.lookup(name, hash);
    if (!file) return undefined;
    const { drafts } = file;
    return { articles: file.articles, mentionsOf: (k) => file.mentions[k]!, ...(drafts ? { draftsOf: (k: number) => drafts[k]! } : {}) };
  }

  /**
   * Resolves the files `list` (pass 1); each file once. The first call takes up the last build's resolution
   * when it still holds (`restore`): its files are then resolved already.
   */
  async run(list: Unit[], held: { articles: Array<Article | undefined>; found: Mention[][] } = { articles: [], found: [] }): Promise<void> {
    if (!this.started) {
      this.options.onProgress?.('resolve', 0, 1);
      this.started = true;
      await this.restore();
    }
    for (const u of list) {
      if (this.resolved.has(u)) continue;
      this.resolved.add(u);
      await this.visit(u, held, (a, drafts, at) => {
        this.resolver.add(drafts(), at);
        this.assembler.addArticle(a, at);
      });
    }
  }

  /**
   * The last build's resolution (`KeptResolution`), when every file it was made from is in this corpus as it was
   * then — same content, same article ids, in the same order (other files may lie between them): the resolver and
   * the article nodes start from it, its articles at their positions now, and its files count as resolved, so only
   * the files it does not hold are resolved from their drafts. Otherwise nothing: every file is resolved.
   */
  private async restore(): Promise<void> {
    const parts = await this.store.resolutionState?.();
    const files = readKeptFiles(parts?.length === 2 ? parts[0] : undefined);
    if (!files) return;
    const byName = new Map<string, Unit>();
    for (const u of this.units) if ('name' in u) byName.set(u.name, u);
    const covered: Unit[] = [];
    const ordinals: number[] = [];
    for (const f of files) {
      const u = byName.get(f.name);
      if (!u || !('hash' in u) || u.hash !== f.hash || u.count !== f.ids.length) return;
      const at = this.startOf.get(u)!;
      if (ordinals.length > 0 && at <= ordinals[ordinals.length - 1]!) return; // another order
      const ids = this.idsOf(u);
      if (!ids.every((id, k) => id === f.ids[k])) return;
      for (let k = 0; k < u.count; k++) ordinals.push(at + k);
      covered.push(u);
    }
    // Little is left to read: the heap may grow more between collections (util/heap.ts) from here, while the kept
    // state is deserialized (until a pass reads the stored corpus after all: streamFromStore).
    if (nearlyAll(ordinals.length, this.refs.length)) loosenHeapGrowth();
    const state = readResolution(parts![1]!);
    if (!state || state.articles.length !== ordinals.length) {
      tightenHeapGrowth(); // every stored file is resolved after all
      return;
    }
    this.resolver.restore(state.resolver, ordinals);
    state.articles.forEach((parts, o) => this.assembler.addArticleParts(parts, ordinals[o]));
    for (const u of covered) this.resolved.add(u);
    this.restored = ordinals.length;
  }

  /**
   * Keeps this build's resolution for the next (before `finish`, once every file is resolved), when every file
   * is stored; not again when the one taken up held all but a few articles (a page added): the next build
   * resolves those few again from their drafts for less than keeping the whole resolution again costs.
   */
  async keep(): Promise<void> {
    if (!this.store.putResolutionState || !this.units.every((u) => 'name' in u)) return;
    if (this.restored > 0 && nearlyAll(this.restored, this.refs.length)) return;
    const files = this.units.map((u) => ({ name: (u as { name: string }).name, hash: (u as { hash: string }).hash, ids: this.idsOf(u) }));
    const articles = this.refs.map((_r, at) => this.assembler.articlePartsAt(at));
    // Two parts: the files, read first (cheap) to tell whether the rest is valid for this build.
    await this.store.putResolutionState([serialize(files), serialize({ resolver: this.resolver.state(), articles } satisfies KeptResolution)]);
  }

  private position(u: Unit, k: number): number {
    return this.startOf.get(u)! + k;
  }

  /** The ids of the articles of `u` in this build (made unique across the corpus). */
  idsOf(u: Unit): string[] {
    const at = this.startOf.get(u)!;
    const ids: string[] = [];
    for (let k = 0; k < u.count; k++) {
      ids.push(stemmedId(this.refs[at + k]!, this.renamed));
    }
    return ids;
  }
}

/**
 * Whether `part` articles are all of `whole` but at most 1/64: a build that took up what the last one kept (its
 * resolution, its edges) for that many does not keep it again — the next build does the few others again for less
 * than writing it all again costs — and reads so little of the stored corpus that the heap's cap is lifted.
 */
function nearlyAll(part: number, whole: number): boolean {
  return part * 64 >= whole * 63;
}

/**
 * What resolution made of the stored files of a build (pass 1 of `streamFromStore`), kept in the store
 * (`ExtractionStore.resolutionState`) so that the next build resolves only the files it adds: the resolver before
 * `finish` and each article's parts of the graph, in corpus order; kept after the files and article ids they were
 * made from (`KeptFile`, a part of its own, read first). Valid while each of these files is stored with the same
 * content and its articles have the same ids, in the same order: resolution reads nothing else of a file (its
 * drafts are made once, at extraction, from its text).
 */
interface KeptResolution {
  resolver: ResolverState;
  articles: ArticleParts[];
}

/** A file of a kept resolution, with the ids its articles had. */
type KeptFile = { name: string; hash: string; ids: string[] };

/** The files of a kept resolution (its first part), or undefined when there is none or it does not read. */
function readKeptFiles(part: Buffer | undefined): KeptFile[] | undefined {
  if (!part) return undefined;
  try {
    const files = deserialize(part) as KeptFile[];
    return Array.isArray(files) ? files : undefined;
  } catch {
    return undefined;
  }
}

/** The resolution kept beside those files (its second part), or undefined when it does not read. */
function readResolution(part: Buffer): KeptResolution | undefined {
  try {
    const state = deserialize(part) as KeptResolution;
    // Written by this pipeline version (the store checks), so of this layout; checked anyway, as it costs nothing.
    return Array.isArray(state.articles) && state.resolver?.groups instanceof Map ? state : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The edges a build folded from the facts of its stored files, kept in the store (`ExtractionStore.edgeState`) so
 * that the next build folds only the facts of files it adds: valid while each of these files is stored with the
 * same content, its articles have the same ids, the same `minConfidence` drops weak entities, and nothing the
 * facts were made from changed (`RelationCache.unchanged`: every draft's key, every entity read, every name looked
 * up) — exactly when every article's own entry would be reused (src/relations/cache.ts). Files gone or changed
 * since, or anything changed, and the build folds every article's facts as before (and keeps its edges for the next).
 */
interface EdgeState {
  minConfidence: number;
  files: Array<{ name: string; hash: string; ids: string[] }>;
  inputs: FactInputs;
  edges: FoldedEdges;
}

/** The state in two parts for the store: the drafts' numbers as they lie in memory (no copy), the rest serialized. */
function edgeStateParts(state: EdgeState): Buffer[] {
  const { drafts, ...edges } = state.edges;
  return [serialize({ ...state, edges }), Buffer.from(drafts.buffer, drafts.byteOffset, drafts.byteLength)];
}

function readEdgeState(parts: readonly Buffer[] | undefined): EdgeState | undefined {
  if (parts?.length !== 2) return undefined;
  try {
    const state = deserialize(parts[0]!) as EdgeState;
    const bytes = parts[1]!;
    const aligned = bytes.byteOffset % 4 === 0 ? bytes : Buffer.from(bytes);
    state.edges.drafts = new Int32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength >> 2);
    const { edges } = state;
    // Written by this pipeline version (the store checks), so of this layout; checked anyway, as it costs nothing.
    return edges.strings instanceof Array && edges.contexts instanceof Int32Array ? state : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The stages after extraction over a stored corpus, without holding it: two passes read the articles back
 * from the store one file at a time — (1) resolution (`Resolver`: the names it must tell apart across the
 * corpus and the entities, in one pass whose files may come in any order, so the stored files are resolved
 * while new ones are extracted), (2) in corpus order, each article's ARTICLE node and its relation facts,
 * folded at once into their edges (GraphAssembler). What is held is what the graph holds (entities, edges
 * with their capped evidence, article records), plus per-name sets and each article's id. The graph is the
 * one `buildFromMentions` makes of the same articles and mentions, byte for byte.
 */
async function streamFromStore(
  resolving: Resolving,
  held: { articles: Array<Article | undefined>; found: Mention[][] },
  options: BuildOptions,
): Promise<{ result: BuildResult; relations: StoreUse['relations'] }> {
  const progress = options.onProgress ?? (() => {});
  const { units, refs, store } = resolving;
  // Each stored article's facts are kept in the store with what they were made from (src/relations/cache.ts)
  // and reused while none of it changed: a build that adds a page makes again only the facts of the new
  // articles and of those whose names, keys or entities it changed. Counted when the store keeps them.
  const keeps = store.relationEntries !== undefined && store.putRelationEntries !== undefined;
  const counts: NonNullable<StoreUse['relations']> = { reused: 0, made: 0 };
  // The naming, the entity table and the edge drafts live in `assemble` only: they can be collected before
  // the metrics and the layout, which hold the graph alone.
  const assemble = async (): Promise<{ graph: MultiGraph; entities: Entity[] }> => {
    await resolving.run(units, held);
    await resolving.keep();
    const { naming, entities: all, parts } = resolving.resolver.finish();
    const min = options.minConfidence ?? 0;
    const weak = weakKeys(all, min);
    const entities = weak.size > 0 ? all.filter((e) => !weak.has(e.key)) : all;
    const assembler = resolving.assembler; // the articles were added in pass 1
    assembler.setEntities(entities);
    progress('relations', 0, 1);
    const relations = new RelationCache(naming, weak, new Map(entities.map((e) => [e.key, e])));
    // The edges of the last build's stored files, when still valid (EdgeState): those files' facts are not folded again.
    const keepsEdges = keeps && store.edgeState !== undefined && store.putEdgeState !== undefined;
    const kept = keepsEdges ? readEdgeState(await store.edgeState!()) : undefined;
    const covered = new Set<Unit>();
    if (kept && kept.minConfidence === min) {
      const byName = new Map<string, Unit>();
      for (const u of units) if ('name' in u) byName.set(u.name, u);
      const same = (f: EdgeState['files'][number]): boolean => {
        const u = byName.get(f.name);
        if (!u || !('hash' in u) || u.hash !== f.hash || u.count !== f.ids.length) return false;
        const ids = resolving.idsOf(u);
        return ids.every((id, k) => id === f.ids[k]);
      };
      // The files first (cheap); then what the facts were made from, corpus-wide.
      if (kept.files.every(same) && relations.unchanged(kept.inputs) && assembler.restoreEdges(kept.edges))
        for (const f of kept.files) covered.add(byName.get(f.name)!);
    }
    // The kept edges not taken up for nearly every article: the pass below reads the stored corpus (the heap's cap is
    // for that; it may have been lifted when the resolution was taken up).
    let keptArticles = 0;
    for (const u of covered) keptArticles += u.count;
    if (!nearlyAll(keptArticles, refs.length)) tightenHeapGrowth();
    relations.gather(covered.size > 0 ? kept!.inputs : undefined);
    // Many articles to make facts for: the relation families run on worker threads while this thread reads the stored
    // files back and folds their entries (RelationPass), file after file in corpus order.
    let left = 0;
    for (const u of units) if (!covered.has(u)) left += u.count;
    const pass = new RelationPass(relations, assembler, counts, left, keeps ? passWorkers(options, parts, weak, entities) : undefined);
    try {
      for (const u of units) {
        if (covered.has(u)) {
          counts.reused += u.count;
          counts.kept = (counts.kept ?? 0) + u.count;
          continue;
        }
        const keep = keeps && 'name' in u ? u : undefined;
        const entries = keep ? await store.relationEntries!(keep.name, keep.hash) : undefined;
        const articles: PassArticle[] = [];
        await resolving.visit(u, held, (a, drafts) => {
          const k = articles.length;
          articles.push({ k, a, drafts, stored: entries?.get(k) });
        });
        await pass.file(articles, keep !== undefined, keep ? (made) => store.putRelationEntries!(keep.name, keep.hash, made) : undefined);
      }
      await pass.finish();
    } finally {
      await pass.close();
    }
    // Kept for the next build, when every file is stored and every fact's inputs are known; not again when the
    // edges kept were used and few articles were folded besides (a page added): the next build folds those again
    // from their entries for less than keeping all edges again costs.
    const inputs = relations.inputs();
    if (keepsEdges && inputs && units.every((u) => 'name' in u) && (covered.size === 0 || !nearlyAll(keptArticles, refs.length))) {
      const files = units.map((u) => ({ name: (u as { name: string }).name, hash: (u as { hash: string }).hash, ids: resolving.idsOf(u) }));
      const state: EdgeState = { minConfidence: min, files, inputs, edges: assembler.foldedEdges() };
      await store.putEdgeState!(edgeStateParts(state));
    }
    progress('graph', 0, 1);
    return { graph: assembler.finish(), entities };
  };
  const { graph, entities } = await assemble();
  progress('metrics', 0, 1);
  computeMetrics(graph, options.seed ?? 42);
  styleGraph(graph);
  if (options.layout !== false) {
    progress('layout', 0, 1);
    layoutGraph(graph, { seed: options.seed ?? 7 });
  }
  return { result: { graph, articles: [], articleCount: refs.length, entities, facts: [] }, relations: keeps ? counts : undefined };
}

/**
 * The content hash of each file (undefined for one that cannot be read), `width` files read at a time: one after
 * another, a corpus of small files waited on its reads' round trips through the thread pool (5,470 files of the
 * 50 MB bench corpus: ~4 s before the first stored file could be resolved).
 */
async function hashAll(files: readonly string[], width = 8): Promise<Array<string | undefined>> {
  const out = new Array<string | undefined>(files.length);
  let next = 0;
  const lane = async () => {
    while (next < files.length) {
      const i = next++;
      out[i] = await fileHash(files[i]!).catch(() => undefined);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, files.length) }, lane));
  return out;
}

async function totalBytes(files: string[]): Promise<number> {
  let sum = 0;
  for (const f of files)
    sum += await stat(f).then(
      (s) => s.size,
      () => 0,
    );
  return sum;
}

/**
 * Article ids are `<file stem>#<n>`; files with the same stem in different folders get `~2`, `~3` …,
 * skipping any stem a file already has (`x~2.txt` beside two `x.txt`), so ids never collide.
 */
export function assignUniqueIds(articles: Article[]): Article[] {
  const renamed = uniqueStems(articles);
  return articles.map((a) => withStem(a, renamed));
}

/** The article with its file's unique stem (`uniqueStems`) in its id. */
function withStem(a: Article, renamed: ReadonlyMap<string, string>): Article {
  const id = stemmedId(a, renamed);
  return id === a.id ? a : { ...a, id };
}

/** The article's id in this build: its file's stem when the file was renamed (see assignUniqueIds), then its `#n`. */
function stemmedId(a: { id: string; source: string }, renamed: ReadonlyMap<string, string>): string {
  const stem = renamed.get(a.source);
  return stem === undefined ? a.id : `${stem}${a.id.slice(a.id.lastIndexOf('#'))}`;
}

/** Source → its stem, for the files whose stem is not their natural one (see assignUniqueIds). */
function uniqueStems(articles: readonly ArticleRef[]): Map<string, string> {
  const stemOf = (a: ArticleRef) => a.id.slice(0, a.id.lastIndexOf('#'));
  const taken = new Set(articles.map(stemOf));
  const firstSource = new Map<string, string>();
  const renamed = new Map<string, string>(); // source → its stem when not the natural one
  for (const a of articles) {
    const stem = stemOf(a);
    const first = firstSource.get(stem);
    if (first === undefined) firstSource.set(stem, a.source);
    if (first === undefined || first === a.source || renamed.has(a.source)) continue;
    let n = 2;
    while (taken.has(`${stem}~${n}`)) n++;
    taken.add(`${stem}~${n}`);
    renamed.set(a.source, `${stem}~${n}`);
  }
  return renamed;
}

/** A file's documents; undefined when the file was skipped (`onBadFile`). */
async function readOrSkip(path: string, options: BuildOptions, notes?: ReadNote[]): Promise<SourceDoc[] | undefined> {
  const { onBadFile, fields } = options;
  // Remarks are recorded for the store, which replays them when it serves this file again.
  const onWarning = options.onWarning || notes ? (message: string) => (notes?.push({ warning: message }), options.onWarning?.(message)) : undefined;
  try {
    return await readSources(path, {
      ...(onWarning ? { onWarning } : {}),
      ...(fields ? { fields } : {}),
      ...(onBadFile
        ? {
            onBadPart: (error: InputError) => {
              notes?.push({ badPart: error.message });
              onBadFile(path, error);
            },
          }
        : {}),
    });
  } catch (error) {
    if (!onBadFile || !(error instanceof InputError)) throw error;
    onBadFile(path, error);
    return undefined;
  }
}

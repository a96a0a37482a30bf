/**
 * Entity recognition entry point: `recognize(text, options)` returns the entity mentions of one text
 * (one article or one line), sorted by position. Mentions do not overlap, except that the place opening an
 * organization's name is also reported on its own (十里铺村 inside 十里铺村党支部) unless `nested: false`.
 *
 * Two sources are combined (./combine.ts): the character-level sequence model trained on People's Daily
 * (./model, PERSON/PLACE/ORGANIZATION) and the rule families of ./rules (titles and bylines for people,
 * division suffix chains and the national division index for places, organization suffixes, and all of
 * PROGRAM). Rules that know better override the model where they overlap.
 */
import type { Mention, Token } from '../types.js';
import { segment } from '../segment/jieba.js';
import { hasModel, loadModel, readSpans, type NerModel } from './model/index.js';
import { withConfidence } from './confidence.js';
import { withLevelBodies, withPlaceGovernments } from './bodies.js';
import { withNaturalWholes } from './natural.js';
import { MODEL_PRIORITY, combine, disputes, inside, modelCandidates, type RuledMention } from './combine.js';
import { buildContext, isHanAt, spacesAreWritten, type Candidate, type RuleContext } from './rules/context.js';
import { loadLexicons, type Lexicons } from './rules/lexicon.js';
import { mongolianCover, mongolianTail, personCandidates } from './rules/person.js';
import { datelinePlaces, placeCandidates, shortPlaceNames, withKnownDivisionStart } from './rules/place.js';
import { organizationCandidates } from './rules/organization.js';
import { programCandidates } from './rules/program.js';
import { placeIndex } from './places.js';
import { honourSpans, insideAny } from './honours.js';

export interface RecognizeOptions {
  /** Tokens of `text` from `segment(text)`, when the caller already has them. */
  tokens?: Token[];
  /**
   * Normalized indices i where the PDF repair removed white space between text[i-1] and text[i]
   * (often lost quotation marks around a program's name).
   */
  gaps?: readonly number[];
  /** Use the trained model when its file exists (default true). */
  model?: boolean;
  /** A loaded model to use instead of data/ner-model.bin (held-out evaluation); implies `model`. */
  nerModel?: NerModel;
  /** Use the rule families (default true); false gives the model alone, for measuring what rules add. */
  rules?: boolean;
  /**
   * Also report the place that opens an organization's name (十里铺村 in 十里铺村党支部) as its own,
   * overlapping mention (default true). False gives flat, non-overlapping mentions (People's Daily style).
   */
  nested?: boolean;
  /**
   * Set `score` on every mention: a confidence in [0, 1] from the model's posterior of exactly that span
   * and kind, combined with the reliability of the rule that proposed it (./confidence.ts). Costs one
   * forward–backward pass over the text.
   */
  confidence?: boolean;
  /**
   * The rule families' candidates for this text, made elsewhere: `ruleCandidates(text, tokens, gaps)` (for instance
   * on the thread that segmented it, while this one runs the model), used instead of running the families again.
   * They must be what that call gives for the same text, tokens and gaps.
   */
  ruleCandidates?: readonly Candidate[];
}

let shipped: NerModel | null | undefined;

/**
 * The shipped model, loaded once; null when data/ner-model.bin is missing or does not fit the code (then
 * one warning goes to stderr and recognition runs on rules alone rather than failing).
 */
function shippedModel(): NerModel | null {
  if (shipped === undefined) {
    shipped = null;
    if (hasModel()) {
      try {
        shipped = loadModel();
      } catch (err) {
        process.stderr.write(`zhkg: entity model not used (${(err as Error).message})\n`);
      }
    }
  }
  return shipped;
}

/** The rule candidates for `text` (all families, before combination). Exported for tests and tools. */
export function ruleCandidates(text: string, tokens: readonly Token[], gaps: readonly number[] = []): Candidate[] {
  return rulesIn(buildContext(text, tokens, gaps, loadLexicons(), placeIndex()));
}

function rulesIn(ctx: RuleContext): Candidate[] {
  const places = placeCandidates(ctx);
  // concat, not spreads: the same order, without iterating each list.
  const all = personCandidates(ctx).concat(
    places,
    shortPlaceNames(ctx, places),
    datelinePlaces(ctx),
    organizationCandidates(ctx, places),
    programCandidates(ctx),
  );
  return all.map((c) => withKnownDivisionStart(ctx, c));
}

/** Priority of a model span that a rule corrected (a Mongolian name's tail): above the model, below every other rule. */
const CORRECTED_PRIORITY = MODEL_PRIORITY + 1;

/**
 * Whether a span is the short name of a province or a prefecture (鄂尔多斯 → 鄂尔多斯市, 呼伦贝尔 → 呼伦贝尔市): read by
 * the model as a person, it is that place unless a person rule reads the same span (a title or cue before it:
 * 拳王阿里). MSRA train + test name 2 people so (a pupil 武威, the boxer 阿里, both after a title or a noun of
 * people); PD dev none, and the model's one reading there is wrong (武威的汉简); on 150 fresh pages 3 wrong.
 */
function isRegionShortName(ctx: RuleContext, c: Candidate): boolean {
  const full = ctx.places?.expandShortName(ctx.text.slice(c.start, c.end));
  return full !== undefined && (ctx.places!.isProvince(full) || ctx.places!.isPrefecture(full));
}

/**
 * Every candidate for `text` before combination: the model's spans (given its reading), a person's name the
 * model cut short before a Mongolian name element extended over it (rule `person:mongolian-tail`), and the rule
 * families unless `rules` is false. What recognize() combines; exported for tools (scripts/rule-counts.ts).
 */
export function allCandidates(
  text: string,
  tokens: readonly Token[],
  spans: readonly Mention[] | undefined,
  options: { rules?: boolean; gaps?: readonly number[]; score?: (spans: Mention[]) => void; flat?: boolean; ruleCandidates?: readonly Candidate[] } = {},
): Candidate[] {
  const ctx = buildContext(text, tokens, options.gaps ?? [], loadLexicons(), placeIndex());
  const out: Candidate[] = [];
  // `ruleCandidates`: the same candidates, made on another thread (RecognizeOptions).
  const rules: readonly Candidate[] = options.rules !== false ? (options.ruleCandidates ?? rulesIn(ctx)) : [];
  if (spans) {
    // The model's posterior settles its disputes with a title or suffix reading (combine's `overruled`): computed
    // for the disputed spans only, when the reading can give it.
    if (options.score) {
      const disputed = spans.filter((m) => m.score === undefined && rules.some((r) => disputes(r, m)));
      if (disputed.length > 0) options.score(disputed);
    }
    for (const c of modelCandidates(spans, { text, tokens })) {
      if (
        options.rules !== false &&
        c.kind === 'PERSON' &&
        isRegionShortName(ctx, c) &&
        !rules.some((r) => r.kind === 'PERSON' && r.start === c.start && r.end === c.end)
      ) {
        out.push({ ...c, kind: 'PLACE', priority: CORRECTED_PRIORITY, rule: 'place:region-name' });
        continue;
      }
      const end = options.rules !== false && c.kind === 'PERSON' ? mongolianTail(ctx, c.start, c.end) : c.end;
      out.push(end === c.end ? c : { ...c, end, priority: CORRECTED_PRIORITY, rule: 'person:mongolian-tail' });
    }
  }
  // The model vetoes title, division and suffix-body readings it finds all but impossible (unvetoed).
  // A name made of Mongolian name elements is where the model is weakest: it vetoes none.
  // Nor a body named after what the model knows least of: a place inside its name, as a rule or the model reads it
  // (a village's cooperative), a level opening it (县林业局, 市住房和城乡建设局: the bureau of the text's county), or a
  // Mongolian name (a cooperative named after its founder or a word of the language, glossed or not): vetoExempt.
  append(out, options.score && rules.length > 0 ? unvetoed(ctx, rules, spans ?? [], options.score) : rules);
  const honours = options.rules !== false ? honourSpans(text) : [];
  // Flat readings (People's Daily's) keep the model's names inside an honour (浙江省 in 『浙江省十佳青年教师』): People's
  // Daily marks them (MSRA train and PKU 1998-01: 20 of the 84 quoted honours hold a marked name); the rules' readings
  // of an honour's words (…文明村镇) go in both.
  const flat = options.flat === true;
  return honours.length === 0
    ? out
    : out.filter((c) => c.kind === 'PROGRAM' || (flat && c.rule === 'model' && c.kind === 'PLACE') || !insideAny(honours, c.start, c.end));
}

/** A level's character that opens a body's name (县 + 农牧局): see allCandidates. */
const LEVEL_OPENING = /^[省市县旗区州盟乡镇]/;
/** The longest Mongolian name that opens a body's name, read by its elements (allCandidates). */
const MAX_MONGOLIAN_STEM = 8;

/**
 * The rules whose reading the model vetoes, with the posterior below which it does (see unvetoed): a title's name
 * below two in a hundred, a division below one in a thousand, a person of jieba's dictionary below five in a hundred.
 * jieba's dictionary tags some common words as personal names (祥和 peaceful, 白塔 a white pagoda before 村民, 桑梓 one's
 * native place): on 60 fresh genre pages and the genre set (3 Dec 2026) such words had posteriors 0.001–0.08 and the
 * dictionary's real people 0.12 and above (习近平, 郭鹤年); on PD dev the people 0.62 and above, one wrong word 0.09.
 * At 0.05: fresh 3 wrong fewer (祥和 twice, 白塔), dev and the genre set unchanged. A suffix body below one in a
 * thousand whose name holds no place, level or Mongolian name (中介公司, 外国保险公司: a kind of business before the
 * suffix; see unvetoed).
 */
export const VETO_BELOW: ReadonlyMap<string, number> = new Map([
  ['person:title', 0.02],
  ['place:division', 0.001],
  ['person:dictionary', 0.05],
  ['org:suffix', 0.001],
]);
/**
 * The longest division name the model may veto: a two-character stem and its level (西山区 in 粤西山区, 名山区 in
 * 3000名山区), which common words hold. Longer names are specific, and the model knows few of the genre's (a
 * village of Mongolian name: 沙日扎嘎查, which it reads otherwise).
 */
const MAX_VETOED_DIVISION = 3;

/**
 * `rules` without the title, division, dictionary-person and suffix-body readings that the model gives a posterior below their
 * VETO_BELOW (the posterior of exactly that span and kind, which the model need not have decoded): a title before a word that is no
 * name (院士 + 时发出, 同志 + 说过, 负责人 + 向美方, 村民 + 文明素质), a division name matched across two words (粤西 +
 * 山区 read as 西山区). Counts over the final mentions of those rules (3 Dec 2026): titles below 0.01 PD dev 0 right /
 * 8 wrong, genre none (2 right from 0.01 to 0.05). The blended model's posteriors (temperature 48) are less extreme:
 * from 0.01 to 0.02 dev 0 / 2, genre none, 105 fresh genre pages 0 / 1, so 0.02 (at 0.05 the genre set loses a right
 * name, at 0.1 the same). Divisions of three characters outside a body's name below 0.001
 * dev 0 / 3, genre none (from 0.001 to 0.01: dev 1 / 2, genre 3 / 0). Suffix bodies the model did not read, below
 * 0.001 (4 Dec 2026): dev 1 right / 11 wrong, genre 1 / 0, and that one, like most right ones of the fresh pages, is
 * named after a place (a village's cooperative); so a body whose name holds a place, or opens with a level or a
 * Mongolian name, keeps its reading (`vetoExempt`):
 * dev tp +2, fp −6, genre unchanged. Other rules below 0.001 are right on the genre set as often as not (chains 2 / 0,
 * zones 5 / 1), so they keep their readings; so does a name made of Mongolian name elements (`vetoExempt`: 牧民 +
 * 额尔敦毕力格, whose whole the model doubts). Needs the scorer
 * of the model's reading: one forward–backward pass over the text, which a build computes anyway for confidence.
 */
function unvetoed(ctx: RuleContext, rules: readonly Candidate[], spans: readonly Mention[], score: (spans: Mention[]) => void): readonly Candidate[] {
  const { text } = ctx;
  const probes: Mention[] = [];
  const at: number[] = [];
  // A place inside a body's name (阿拉坦嘎查 in 阿拉坦嘎查党支部), as a rule or the model reads the body, is no reading
  // of its own there: the model's posterior of it alone says nothing, and the graph keeps it as the body's place.
  const bodies: ReadonlyArray<{ start: number; end: number; kind: string }> = [...rules, ...spans].filter((o) => o.kind === 'ORGANIZATION');
  const places = [...rules, ...spans].filter((o) => o.kind === 'PLACE');
  rules.forEach((r, i) => {
    if (
      !VETO_BELOW.has(r.rule) ||
      bodies.some((o) => inside(r, o)) ||
      vetoExempt(ctx, places, r) ||
      (r.rule === 'place:division' && r.end - r.start > MAX_VETOED_DIVISION)
    )
      return;
    probes.push({ start: r.start, end: r.end, text: text.slice(r.start, r.end), kind: r.kind });
    at.push(i);
  });
  if (probes.length === 0) return rules;
  score(probes);
  const drop = new Set<number>();
  probes.forEach((m, k) => {
    if (m.score !== undefined && m.score < VETO_BELOW.get(rules[at[k]!]!.rule)!) drop.add(at[k]!);
  });
  return drop.size === 0 ? rules : rules.filter((_, i) => !drop.has(i));
}

/**
 * Whether the model vetoes no reading of `c` (see allCandidates): a person's name made of Mongolian name elements, or a
 * body whose name holds one of `places`, opens with a level or with a Mongolian name.
 */
function vetoExempt(ctx: RuleContext, places: ReadonlyArray<{ start: number; end: number }>, c: Candidate): boolean {
  if (c.kind === 'PERSON' && mongolianCover(ctx, c.start, c.end - c.start)) return true;
  if (c.kind !== 'ORGANIZATION') return false;
  if (LEVEL_OPENING.test(ctx.text.slice(c.start, c.end)) || places.some((p) => c.start <= p.start && p.end <= c.end)) return true;
  for (let n = 2; n <= Math.min(MAX_MONGOLIAN_STEM, c.end - c.start - 1); n++) if (mongolianCover(ctx, c.start, n)) return true;
  return false;
}

function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

export function recognize(text: string, options: RecognizeOptions = {}): Mention[] {
  if (typeof text !== 'string') throw new TypeError('recognize: text must be a string');
  if (text.length === 0) return [];
  const tokens = options.tokens ?? segment(text);
  const model = options.nerModel ?? (options.model !== false ? shippedModel() : null);
  const reading = model ? readSpans(text, tokens, model) : undefined;
  const candidates = allCandidates(text, tokens, reading?.spans, {
    rules: options.rules !== false,
    gaps: options.gaps ?? [],
    ...(reading ? { score: reading.score } : {}),
    ...(options.ruleCandidates ? { ruleCandidates: options.ruleCandidates } : {}),
    flat: options.nested === false,
  });
  const nested = options.nested !== false;
  const gaps = options.gaps ?? [];
  const lists = options.rules !== false;
  if (!options.confidence) return combined(text, candidates, { nested, lists }).map((m) => withSpaces(text, gaps, m));
  const found = combined(text, candidates, { nested, withRules: true, lists });
  return withConfidence(found, reading?.score).map((m) => withSpaces(text, gaps, m));
}

/**
 * The mentions `recognize` makes of `candidates` (allCandidates'): combined with the lexicons' generic terms and
 * Mongolian name elements, and a level's body kept beside its place (./bodies.ts). Exported for tools that count
 * rules' decisions (scripts/rule-counts.ts), so that they count what recognize returns.
 */
export function combined(text: string, candidates: readonly Candidate[], options: { nested: boolean; withRules?: boolean; lists?: boolean }): RuledMention[] {
  const lex = loadLexicons();
  const found = combine(text, candidates, options.nested ? lex.graphNonEntities : lex.nonEntities, {
    nested: options.nested,
    withRules: options.withRules,
    lists: options.lists,
    personName: personNameTest(lex),
  });
  if (!options.nested) return withLevelBodies(found);
  const wholes = withNaturalWholes(text, found, options.withRules ? 'place:landform' : undefined);
  return withLevelBodies(withPlaceGovernments(text, wholes, options.withRules ? 'org:government' : undefined));
}

const personNameTests = new WeakMap<Lexicons, (name: string) => boolean>();

/** Whether a string is a person's name of Mongolian name elements (mongolianCover of the whole), one test per lexicons. */
function personNameTest(lex: Lexicons): (name: string) => boolean {
  let test = personNameTests.get(lex);
  if (!test) personNameTests.set(lex, (test = (name) => mongolianCover({ text: name, lex }, 0, name.length)));
  return test;
}

/**
 * A program's name keeps the space between its parts that normalization took out (“党建引领 幸福家园” is
 * written, and searched for, with it) when the text's spaces are the writer's, not a PDF's layout
 * (spacesAreWritten); other names never hold one. `gaps` as in RecognizeOptions.
 */
export function withSpaces<M extends Mention>(text: string, gaps: readonly number[], m: M): M {
  if (m.kind !== 'PROGRAM' || gaps.length === 0 || !spacesAreWritten(text.length, gaps.length)) return m;
  let name = '';
  let at = m.start;
  for (const g of gaps) {
    if (g <= m.start || g >= m.end || !isHanAt(text, g - 1) || !isHanAt(text, g)) continue;
    name += `${text.slice(at, g)} `;
    at = g;
  }
  return at === m.start ? m : { ...m, text: name + text.slice(at, m.end) };
}

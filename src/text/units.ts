/**
 * Flag tables over UTF-16 code units: one byte per unit (64 KiB), for scans that test every character of a
 * text. The test is then one typed-array read, with no one-character string made and no Set or expression run.
 */

/** One flag per unit: whether some word of `words` opens with it (a one-unit word: whether it is that unit). */
export function firstUnits(words: Iterable<string>): Uint8Array {
  const f = new Uint8Array(0x10000);
  for (const w of words) if (w.length > 0) f[w.charCodeAt(0)] = 1;
  return f;
}

/** One flag per unit: whether `re` matches the one-unit string of it. */
export function unitsMatching(re: RegExp): Uint8Array {
  const f = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) if (re.test(String.fromCharCode(c))) f[c] = 1;
  return f;
}

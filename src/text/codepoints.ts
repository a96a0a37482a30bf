/**
 * Conversion between UTF-16 indices (JavaScript strings) and Unicode code point indices, which the public
 * outputs use (SPEC §5: offsets count code points).
 */

/** Returns f where f[i] = number of code points in text.slice(0, i), for i in 0..text.length. */
export function utf16ToCodePointTable(text: string): Int32Array {
  const table = new Int32Array(text.length + 1);
  let cp = 0;
  for (let i = 0; i < text.length; i++) {
    table[i] = cp;
    const c = text.charCodeAt(i);
    const isHighSurrogate = c >= 0xd800 && c <= 0xdbff;
    const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
    if (isHighSurrogate && next >= 0xdc00 && next <= 0xdfff) {
      table[i + 1] = cp; // the low half belongs to the same code point
      i++;
    }
    cp++;
  }
  table[text.length] = cp;
  return table;
}

/** UTF-16 units of the code point starting at s[i]: 2 for a surrogate pair, else 1 (a lone surrogate is one). */
export function unitsAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
}

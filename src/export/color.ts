/**
 * Colours between CSS notation (what graphology/sigma graphs carry: `#rrggbb`) and GEXF `viz:color`
 * channels. GEXF 1.3 also allows `hex=`, but networkx 3.6 reads only r/g/b (it crashes on `hex=`), and
 * Gephi reads both, so the export always writes channels.
 */

export interface Rgba {
  r: number;
  g: number;
  b: number;
  /** Opacity in [0, 1]; absent means opaque. */
  a?: number;
}

const HEX = /^#([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i;
const FUNC = /^rgba?\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*(?:,\s*(\d*\.?\d+)\s*)?\)$/i;

/** Parses `#rgb`, `#rrggbb`, `#rrggbbaa`, `rgb(r,g,b)` and `rgba(r,g,b,a)`; null for anything else. */
export function parseColor(value: string): Rgba | null {
  const text = value.trim();
  const hex = HEX.exec(text);
  if (hex) {
    let digits = hex[1]!;
    if (digits.length === 3) digits = [...digits].map((d) => d + d).join('');
    const channel = (i: number): number => parseInt(digits.slice(i, i + 2), 16);
    const rgba: Rgba = { r: channel(0), g: channel(2), b: channel(4) };
    if (digits.length === 8) rgba.a = channel(6) / 255;
    return rgba;
  }
  const func = FUNC.exec(text);
  if (func) {
    const [r, g, b] = [func[1], func[2], func[3]].map(Number) as [number, number, number];
    if (r > 255 || g > 255 || b > 255) return null;
    const rgba: Rgba = { r, g, b };
    if (func[4] !== undefined) {
      const a = Number(func[4]);
      if (!(a >= 0 && a <= 1)) return null;
      rgba.a = a;
    }
    return rgba;
  }
  return null;
}

/** CSS functional notation, the form graphology-gexf's writer turns into r/g/b(/a) attributes. */
export function toCssRgb(c: Rgba): string {
  return c.a === undefined ? `rgb(${c.r},${c.g},${c.b})` : `rgba(${c.r},${c.g},${c.b},${c.a})`;
}

/** `#rrggbb`, or `#rrggbbaa` when the colour is not opaque. */
export function toHexColor(c: Rgba): string {
  const two = (n: number): string => Math.round(n).toString(16).padStart(2, '0');
  const alpha = c.a === undefined || c.a >= 1 ? '' : two(c.a * 255);
  return `#${two(c.r)}${two(c.g)}${two(c.b)}${alpha}`;
}

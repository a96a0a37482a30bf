/**
 * List attributes (`aliases`, `articles`) in GEXF.
 *
 * Choice: type `liststring`, value written as a JSON array of strings, e.g. `["新左旗", "新巴尔虎左旗"]`.
 * - Gephi (graphstore's array parser) and graphology-gexf both read `[a, b]` lists with double-quoted,
 *   backslash-escaped items, so both get real string arrays back.
 * - networkx 3.6 has no list support: it returns the raw value string. Because the value is valid JSON,
 *   `json.loads(G.nodes[n]["aliases"])` recovers the list exactly (an ad hoc `[a, b]` would not survive
 *   an item containing a comma).
 * `listdouble` and friends are avoided: networkx fails on them with KeyError.
 */

const ESCAPES: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Formats items as a GEXF 1.3 `liststring` value (a JSON array of strings). */
export function formatGexfList(items: readonly string[]): string {
  return `[${items.map((s) => `"${s.replace(/[\\"\n\r\t]/g, (c) => ESCAPES[c]!)}"`).join(', ')}]`;
}

const UNESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t' };

/**
 * Reads a GEXF list value back: the `[…]` form with quoted or bare items (what zhkg, graphology and
 * Gephi write) and the older `a|b` form of GEXF 1.2. A value that is neither is a one-item list.
 */
export function parseGexfList(value: string): string[] {
  const text = value.trim();
  if (!(text.startsWith('[') && text.endsWith(']'))) {
    return text.includes('|') ? text.split('|').map((s) => s.trim()) : text === '' ? [] : [text];
  }
  const items: string[] = [];
  const body = text.slice(1, -1);
  let i = 0;
  while (i < body.length) {
    while (i < body.length && /\s/.test(body[i]!)) i++;
    if (i >= body.length) break;
    const quote = body[i];
    if (quote === '"' || quote === "'") {
      let item = '';
      i++;
      while (i < body.length && body[i] !== quote) {
        if (body[i] === '\\' && i + 1 < body.length) {
          const next = body[i + 1]!;
          item += UNESCAPES[next] ?? next;
          i += 2;
        } else {
          item += body[i];
          i++;
        }
      }
      if (i >= body.length) throw new Error(`unterminated quoted item in GEXF list value: ${value}`);
      i++; // closing quote
      items.push(item);
      while (i < body.length && /\s/.test(body[i]!)) i++;
      if (i < body.length && body[i] !== ',') throw new Error(`expected "," in GEXF list value: ${value}`);
      i++;
    } else {
      const comma = body.indexOf(',', i);
      const end = comma === -1 ? body.length : comma;
      items.push(body.slice(i, end).trim());
      i = end + 1;
    }
  }
  return items;
}

/**
 * Escaping of text for the GEXF writer (src/export/gexf.ts). Every string that reaches the document goes
 * through one of these two functions and becomes character data, never markup:
 * - attribute values (always written between double quotes): `&` `<` `"` as entities, and TAB, LF, CR as
 *   character references — XML 1.0 §3.3.3 (attribute-value normalization) turns literal ones into spaces,
 *   so only references keep them;
 * - element text: `&` `<` and `>` (the last one so that `]]>` cannot occur), XML 1.0 §2.4.
 * These are exactly the rules of xml-writer 1.7, the writer inside graphology-gexf that zhkg used before,
 * so the output keeps its bytes (test/export/gexf-stream.test.ts compares the two on arbitrary strings).
 * Characters XML cannot hold at all are replaced before (xml-safe.ts): escaping cannot make them legal.
 */

const ATTRIBUTE_SPECIAL = /[&<"\t\n\r]/;
const ATTRIBUTE_SPECIALS = /[&<"\t\n\r]/g;
const TEXT_SPECIAL = /[&<>]/;
const TEXT_SPECIALS = /[&<>]/g;

const ENTITY: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\t': '&#x9;',
  '\n': '&#xA;',
  '\r': '&#xD;',
};

const entity = (c: string): string => ENTITY[c]!;

/** `s` as the value of a double-quoted XML attribute. */
export function escapeAttribute(s: string): string {
  return ATTRIBUTE_SPECIAL.test(s) ? s.replace(ATTRIBUTE_SPECIALS, entity) : s;
}

/** `s` as XML element text. */
export function escapeText(s: string): string {
  return TEXT_SPECIAL.test(s) ? s.replace(TEXT_SPECIALS, entity) : s;
}

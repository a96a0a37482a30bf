/**
 * XML 1.0 only allows TAB, LF, CR and code points from U+0020 up (minus U+FFFE, U+FFFF and unpaired
 * surrogates) in a document (XML 1.0 §2.2 "Char"). Escaping cannot help: `&#1;` is just as illegal.
 * Text that reaches a GEXF file therefore has every illegal code unit replaced by U+FFFD, the
 * Unicode replacement character, so that the damage is visible instead of silent.
 */

// Works on UTF-16 code units (no `u` flag) so that unpaired surrogates can be matched.
const ILLEGAL_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// NEL and LINE SEPARATOR are line ends in XML 1.1; xmldom (0.8 in graphology-gexf, 0.9 in our own
// post-processing, which adds PARAGRAPH SEPARATOR) applies that rule to 1.0 documents too, so in an
// attribute they end up as spaces. Written as LF they keep their meaning and survive every reader.
const XML11_LINE_ENDS = /[\u0085\u2028\u2029]/g;

/** `s` with every character XML 1.0 forbids replaced by U+FFFD, and NEL/LS/PS written as LF. */
export function xmlSafe(s: string): string {
  return s.replace(ILLEGAL_XML_CHARS, '\uFFFD').replace(XML11_LINE_ENDS, '\n');
}

/** Whether `xmlSafe(s) === s`. */
export function isXmlSafe(s: string): boolean {
  return xmlSafe(s) === s;
}

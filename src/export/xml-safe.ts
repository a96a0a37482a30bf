/**
 * XML 1.0 only allows TAB, LF, CR and code points from U+0020 up (minus U+FFFE, U+FFFF and unpaired
 * surrogates) in a document (XML 1.0 §2.2 "Char"). Escaping cannot help: `&#1;` is just as illegal.
 * Text that reaches a GEXF file therefore has every illegal code unit replaced by U+FFFD, the
 * Unicode replacement character, so that the damage is visible instead of silent.
 */

// Works on UTF-16 code units (no `u` flag) so that unpaired surrogates can be matched.
const ILLEGAL_XML_CHARS =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `s` with every character XML 1.0 forbids replaced by U+FFFD. */
export function xmlSafe(s: string): string {
  return s.replace(ILLEGAL_XML_CHARS, '\uFFFD');
}

/** Whether `s` can be written into an XML 1.0 document unchanged (after escaping). */
export function isXmlSafe(s: string): boolean {
  ILLEGAL_XML_CHARS.lastIndex = 0;
  const found = ILLEGAL_XML_CHARS.test(s);
  ILLEGAL_XML_CHARS.lastIndex = 0;
  return !found;
}

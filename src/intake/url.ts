/** Links kept from input metadata (JSONL `url`, a web page's canonical URL), shown as links in the viewer. */

/**
 * An absolute http(s) URL, resolved against `base` when given; undefined for anything else (javascript:,
 * data:, ftp:, relative without a base, malformed).
 */
export function httpUrl(href: string | null | undefined, base?: string): string | undefined {
  if (!href) return undefined;
  try {
    const u = base ? new URL(href.trim(), base) : new URL(href.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

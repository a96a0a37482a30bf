/**
 * Words of bylines and source lines, shared by the page splitter (□ bylines), the person rules (names listed
 * after a title) and the role relation (a byline's people report for the outlet).
 */

/** Titles after which a byline lists its people, longest first (见习记者 before 记者). */
export const BYLINE_TITLES: readonly string[] = ['见习记者', '特约记者', '记者', '通讯员', '摄影', '撰稿', '作者', '编辑', '实习生'];

/** Byline titles of a page's staff rather than its reporters: an editor names no one who reports for the outlet. */
export const STAFF_TITLES: ReadonlySet<string> = new Set(['编辑']);

/** Words that introduce the outlet a page comes from (来源：人民网). */
export const SOURCE_CUES: readonly string[] = ['消息来源', '来源', '稿源'];

/** A credit's slash, with the 文 of 文/图 (text and pictures by) before it: no name of a byline runs over it. */
export const CREDIT_SLASH = /文?[/／]/;

/**
 * Where a name that runs from `start` to `end` really ends when a credit's slash follows it (某某文/图: the 文 is the
 * credit's): `end - 1` for a name of three characters or more ending in that 文, else `end`.
 */
export function endBeforeCredit(text: string, start: number, end: number): number {
  return end - start > 2 && text[end - 1] === '文' && /[/／]/.test(text[end] ?? '') ? end - 1 : end;
}

/** `(title1|title2|…)` for regular expressions. */
export const BYLINE_TITLE_GROUP = `(${BYLINE_TITLES.join('|')})`;

/** A name of a photo credit, with its offsets in the caption's text. */
export interface CreditName {
  name: string;
  start: number;
  end: number;
}

/** The run of Han characters (and ·) before a caption's closing 摄: where its credit is. */
const CREDIT_RUN = /([\u4e00-\u9fff·]{2,16})摄$/;
/** The credit without a title: at most eight characters before 摄 (张军摄, 苏娜日摄). */
const CREDIT_BARE = /([\u4e00-\u9fff·]{2,8})摄$/;
const NAME = /^[\u4e00-\u9fff·]{2,8}$/;

/**
 * The photographers of a caption that ends in a credit (`…。张军摄`, `… 新华社记者 张晓光 摄` with the white space
 * removed, `gaps` where it was: offsets into `caption`). After a byline title (记者, 通讯员 …: the last one in the
 * credit) the names are what follows it, split at the gaps when every part is a name of two characters or more
 * (`记者 张 军摄` is one name, `记者 王红 李强摄` two); the title and the outlet before it (新华社记者) are not part
 * of a name, as in a byline. Without a title, the credit is the one name of up to eight characters before 摄.
 */
export function photoCredit(caption: string, gaps: readonly number[] = []): CreditName[] {
  const run = CREDIT_RUN.exec(caption);
  if (!run) return [];
  const runStart = run.index;
  const runEnd = runStart + run[1]!.length;
  let namesStart = -1;
  for (let i = runEnd - 1; i >= runStart && namesStart < 0; i--) {
    const title = BYLINE_TITLES.find((t) => caption.startsWith(t, i) && i + t.length <= runEnd);
    if (title) namesStart = i + title.length;
  }
  if (namesStart < 0) {
    const bare = CREDIT_BARE.exec(caption)!;
    return [{ name: bare[1]!, start: bare.index, end: bare.index + bare[1]!.length }];
  }
  const cuts = [namesStart, ...gaps.filter((g) => g > namesStart && g < runEnd), runEnd];
  const parts: CreditName[] = [];
  for (let k = 0; k + 1 < cuts.length; k++) parts.push({ name: caption.slice(cuts[k], cuts[k + 1]), start: cuts[k]!, end: cuts[k + 1]! });
  if (parts.length > 1 && parts.every((p) => NAME.test(p.name))) return parts;
  const whole = caption.slice(namesStart, runEnd);
  return NAME.test(whole) ? [{ name: whole, start: namesStart, end: runEnd }] : [];
}

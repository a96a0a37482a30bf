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

/** `(title1|title2|…)` for regular expressions. */
export const BYLINE_TITLE_GROUP = `(${BYLINE_TITLES.join('|')})`;

/**
 * Titles (职务/身份) that link a person to the organization or place written before them:
 * 水泉沟村第一书记王瑞新, 合作社负责人路国庆, 苏吉嘎查建档立卡贫困户萨仁苏和.
 */

/** Longest first, so that 党支部书记 wins over 书记. */
export const TITLES: readonly string[] = [
  '建档立卡贫困户',
  '党总支副书记',
  '党支部副书记',
  '党总支书记',
  '党支部书记',
  '党工委书记',
  '党委副书记',
  '常务副主任',
  '致富带头人',
  '驻村第一书记',
  '第一书记',
  '党委书记',
  '总书记',
  '副书记',
  '村支书',
  '支部书记',
  '书记',
  '嘎查达',
  '负责人',
  '理事长',
  '董事长',
  '副董事长',
  '总经理',
  '副总经理',
  '总裁',
  '副总裁',
  '首席执行官',
  '联合创始人',
  '副主任',
  '副社长',
  '副局长',
  '副部长',
  '副县长',
  '副旗长',
  '副省长',
  '副盟长',
  '副州长',
  '副区长',
  '秘书长',
  '创始人',
  '副镇长',
  '副市长',
  '副院长',
  '副校长',
  '主任',
  '社长',
  '队长',
  '站长',
  '所长',
  '局长',
  '部长',
  '处长',
  '科长',
  '院长',
  '校长',
  '园长',
  '经理',
  '会长',
  '主席',
  '委员',
  '县长',
  '旗长',
  '市长',
  '省长',
  '盟长',
  '州长',
  '区长',
  '常委',
  '总裁',
  '镇长',
  '乡长',
  '村长',
  '苏木达',
  '政委',
  '教导员',
  '指导员',
  '网格长',
  '民警',
  '医生',
  '护士长',
  '教师',
  '工人',
  '员工',
  '职工',
  '职员',
  '副组长',
  '组长',
  '本报记者',
  '记者',
  '通讯员',
  '摄影',
  '贫困户',
  '村民',
  '牧民',
  '社员',
  '党员',
];

/** Titles that only make sense towards a place (persons living there), not towards an organization. */
export const RESIDENT_TITLES: ReadonlySet<string> = new Set(['建档立卡贫困户', '贫困户', '村民', '牧民']);

/** Titles that are membership rather than office: they give `member_of`, not `role`. */
export const MEMBER_TITLES: ReadonlySet<string> = new Set(['党员', '社员']);

/**
 * Organization units that a title may carry as its first part (十里铺村党支部书记): the role then goes to
 * the place (label 党支部书记), which the gold accepts as an alternative to the branch.
 */
export function matchTitle(text: string): string | undefined {
  return matchTitles(text)?.[0];
}

/** Committee or branch words that may open a title: 村委会主任, 嘎查党支部书记. */
const UNIT_PREFIX = /^(村民委员会|嘎查委员会|村委会|居委会|党支部|党总支|党委|嘎查|社区|村|镇|乡|苏木)/;

/**
 * The titles that fill `text` exactly: one title, or several joined by 、 or 兼 (党支部书记、村委会主任,
 * 创始人兼首席执行官), each
 * possibly opened by a committee word; a leading 的 is allowed (苏吉嘎查的第一书记). Undefined otherwise.
 */
export function matchTitles(text: string): string[] | undefined {
  const t = text.replace(/\s+/g, '').replace(/^的/, '');
  if (t === '') return undefined;
  const out: string[] = [];
  for (const part of t.split(/、|兼/)) {
    let title = TITLES.find((x) => x === part);
    if (!title) {
      const m = UNIT_PREFIX.exec(part);
      if (m && TITLES.includes(part.slice(m[0].length))) title = part;
    }
    if (!title) return undefined;
    out.push(title);
  }
  return out;
}

/** The longest title that `text` starts with (金宝现任苏吉嘎查第一书记). */
export function titleAtStart(text: string): string | undefined {
  let best: string | undefined;
  for (const t of TITLES) if (text.startsWith(t) && (!best || t.length > best.length)) best = t;
  return best;
}

/**
 * A title written after the person: 习近平总书记 → the body the title implies, when that body is
 * named in the same sentence.
 */
export const POSTFIX_TITLE_BODY: Readonly<Record<string, readonly string[]>> = {
  总书记: ['党中央', '中共中央'],
};

/**
 * Generic heads that stand for a named body or place mentioned earlier in the article
 * (合作社负责人路国庆 → the cooperative named just before).
 */
export const GENERIC_HEADS: readonly string[] = ['合作社', '公司', '企业', '医院', '学校', '嘎查', '村', '社区', '党支部', '党总支', '党委', '镇', '苏木'];

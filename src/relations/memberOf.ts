/**
 * `member_of` (PERSON/ORGANIZATION → ORGANIZATION, label 成员): <org>党员|成员|队员|社员|会员<person>,
 * <org>派驻的第一书记<person> (the body that sends a cadre), and <person|org>加入<org>, inside one clause.
 */
import type { RelationFact } from '../types.js';
import { type ArticleView, between, fact, isKind } from './context.js';

const MEMBER_WORDS = new Set(['党员', '成员', '队员', '社员', '会员', '团员']);
/** A cadre a body sends to a village stays its member: <org>(选派|派驻|下派)(的)(驻村)(第一)书记<person>. */
const SENT_BY = /^(?:选派|派驻|下派|派出)的?(?:驻村)?(?:第一书记|书记|工作队长|工作队员|队长|干部)$/;

export function memberOfFacts(view: ArticleView): RelationFact[] {
  const out: RelationFact[] = [];
  for (const ms of view.bySentence.values()) {
    for (let j = 1; j < ms.length; j++) {
      const a = ms[j - 1]!;
      const b = ms[j]!;
      const gap = between(view, a, b);
      if (isKind(view, a, 'ORGANIZATION') && isKind(view, b, 'PERSON') && (MEMBER_WORDS.has(gap) || SENT_BY.test(gap))) {
        out.push(
          fact(view, b.entity, a.entity, 'member_of', '成员', [
            [a.start, a.end],
            [b.start, b.end],
          ]),
        );
      }
      if (isKind(view, a, 'PERSON', 'ORGANIZATION') && isKind(view, b, 'ORGANIZATION') && /^(正式|已|先后|主动)?加入$/.test(gap)) {
        out.push(
          fact(view, a.entity, b.entity, 'member_of', '成员', [
            [a.start, a.end],
            [b.start, b.end],
          ]),
        );
      }
    }
  }
  return out;
}

/**
 * `partner_of` (ORGANIZATION ↔ ORGANIZATION, label 合作): <org>与|和|同|跟<org>…达成合作|签订|签约|结对|合作,
 * both named in the same clause. 种植户与<公司>达成合作 gives nothing: 种植户 is not an entity.
 */
import type { RelationFact } from '../types.js';
import { type ArticleView, between, fact, isKind } from './context.js';

const PARTNER = /^[^，,；;。]{0,12}?(达成合作|签订|签署|签约|结对|合作|共建|联合)/;

export function partnerOfFacts(view: ArticleView): RelationFact[] {
  const out: RelationFact[] = [];
  const text = view.article.text;
  for (const ms of view.bySentence.values()) {
    for (let j = 1; j < ms.length; j++) {
      const a = ms[j - 1]!;
      const b = ms[j]!;
      if (!isKind(view, a, 'ORGANIZATION') || !isKind(view, b, 'ORGANIZATION')) continue;
      if (!/^(与|和|同|跟)$/.test(between(view, a, b))) continue;
      // A list (A、B和C) is not a partnership: the word before A must not be another list item.
      if (/[、]$/.test(text.slice(0, a.start))) continue;
      if (!PARTNER.test(text.slice(b.end))) continue;
      out.push(
        fact(view, a.entity, b.entity, 'partner_of', '合作', [
          [a.start, a.end],
          [b.start, b.end],
        ]),
      );
    }
  }
  return out;
}

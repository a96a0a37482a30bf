/** Interface strings in Chinese (default) and English; data (labels, evidence) is never translated. */
import zh from '../locales/zh.json';
import en from '../locales/en.json';
import type { Lang } from './hash-state.js';

const TABLES: Record<Lang, Record<string, string>> = { zh, en };

export function translate(lang: Lang, key: string, vars: Record<string, string | number> = {}): string {
  const text = TABLES[lang][key] ?? TABLES.zh[key];
  // Unknown kinds/relations from a foreign file show as themselves.
  const base = text ?? key.replace(/^(kind|relation)\./u, '');
  return base.replace(/\{(\w+)\}/gu, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

export function localeKeys(lang: Lang): string[] {
  return Object.keys(TABLES[lang]).sort();
}

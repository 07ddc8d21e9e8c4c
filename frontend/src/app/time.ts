// Dates and times as the follow-through pages use them. The API sends `Date` as YYYY-MM-DD
// and `DateTime` as ISO 8601 with an offset; the UI works in the browser's local time.

import type { Lang } from './messages';

const pad = (n: number) => String(n).padStart(2, '0');

/** A Date as YYYY-MM-DD in local time. */
export function localDate(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A Date as the value of an <input type="datetime-local"> (YYYY-MM-DDTHH:mm, local time). */
export function toLocalInput(d: Date): string {
  return `${localDate(d)}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value read as local time; null when it is not one. */
export function parseLocalInput(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number);
  const date = new Date(y, mo - 1, d, h, mi, s || 0);
  // 2025-02-30 rolls over to March: not a real day.
  if (date.getMonth() !== mo - 1 || date.getDate() !== d) return null;
  return date;
}

/** A local Date as ISO 8601 with the browser's offset (2025-11-22T14:30:00+08:00). */
export function withOffset(d: Date): string {
  const minutes = -d.getTimezoneOffset();
  const sign = minutes >= 0 ? '+' : '-';
  const abs = Math.abs(minutes);
  return `${localDate(d)}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}${sign}${pad(
    Math.floor(abs / 60),
  )}:${pad(abs % 60)}`;
}

/** A YYYY-MM-DD day as a local Date at midnight; null when it is not one. */
export function parseDay(day: string | null | undefined): Date | null {
  if (!day) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const date = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isNaN(date.getTime()) ? null : date;
}

function dayNumber(day: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return NaN;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000;
}

/** Whole days from `today` to `day` (both YYYY-MM-DD, the server's days): 0 today, -2 two days ago. */
export function daysUntil(day: string, today: string): number {
  return dayNumber(day) - dayNumber(today);
}

/** The day `days` after `day` (YYYY-MM-DD; negative goes back). */
export function shiftDay(day: string, days: number): string {
  const d = new Date((dayNumber(day) + days) * 86_400_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Add days to a local Date (keeping the time of day). */
export function addDays(d: Date, days: number): Date {
  const out = new Date(d);
  out.setDate(out.getDate() + days);
  return out;
}

/** A server day (YYYY-MM-DD) as a readable local date. */
export function formatDay(day: string | null | undefined, lang: Lang): string {
  const d = parseDay(day);
  if (!d) return day ?? '';
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium' }).format(d);
}

const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;

/**
 * Server texts lead with Chinese and follow with English after " / ". Pick the part of the
 * language shown; a text without the separator is shown as it comes.
 *
 * `strict` is for free text (a timeline entry's detail) that may hold a " / " of its own:
 * a bracketed "（约 100 元 / about 100 yuan）" is resolved inside its brackets, and the
 * whole text is split only when the part after the separator has no Chinese in it.
 */
export function pickLang(text: string | null | undefined, lang: Lang, strict = false): string {
  if (!text) return '';
  if (!strict) {
    const at = text.indexOf(' / ');
    if (at < 0) return text;
    return lang === 'zh-CN' ? text.slice(0, at).trim() : text.slice(at + 3).trim();
  }
  // A bilingual label inside free text: "见到 / met: 王秀英" → "见到：王秀英" or "met: 王秀英".
  const labelled = text.replace(/([\u4e00-\u9fff]+) \/ ([A-Za-z][A-Za-z ]*):\s*/g, (_whole, zh: string, en: string) =>
    lang === 'zh-CN' ? `${zh}：` : `${en}: `,
  );
  const inner = labelled.replace(/([（(])([^（）()]*?) \/ ([^（）()]*?)([）)])/g, (whole, open: string, zh: string, en: string, close: string) => {
    if (CJK.test(en)) return whole;
    return lang === 'zh-CN' ? `${open}${zh.trim()}${close}` : `(${en.trim()})`;
  });
  const at = inner.indexOf(' / ');
  if (at < 0) return inner;
  const zh = inner.slice(0, at).trim();
  const en = inner.slice(at + 3).trim();
  if (CJK.test(en) || !CJK.test(zh)) return inner;
  return lang === 'zh-CN' ? zh : en;
}

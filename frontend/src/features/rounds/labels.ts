// The round's codes as words: late reasons, warnings, why a visit was dropped. A code the UI
// does not know yet gets a general word, never the code itself.
import type { MessageKey } from '../../app/messages';

const LATE: Record<string, MessageKey> = {
  DEADLINE_PASSED: 'rounds.late.DEADLINE_PASSED',
  DEADLINE_UNREACHABLE: 'rounds.late.DEADLINE_UNREACHABLE',
};

const WARNINGS: Record<string, MessageKey> = {
  NO_COORDINATES: 'rounds.warning.NO_COORDINATES',
  REASSIGNED: 'rounds.warning.REASSIGNED',
  HOUSEHOLDS_WITHOUT_COORDINATES: 'rounds.warning.HOUSEHOLDS_WITHOUT_COORDINATES',
  DONE_OFF_PLAN: 'rounds.warning.DONE_OFF_PLAN',
};

const REASONS: Record<string, MessageKey> = {
  NO_TIME: 'rounds.reason.NO_TIME',
  OUTSIDE_WINDOWS: 'rounds.reason.OUTSIDE_WINDOWS',
  UNAVAILABLE_TODAY: 'rounds.reason.UNAVAILABLE_TODAY',
};

export function lateKey(code: string): MessageKey {
  return LATE[code] ?? 'rounds.legendLate';
}

export function warningKey(code: string): MessageKey {
  return WARNINGS[code] ?? 'rounds.warning.other';
}

export function reasonKey(code: string): MessageKey {
  return REASONS[code] ?? 'rounds.reason.other';
}

/** Minutes since midnight of an HH:MM time (null when it is not one). */
export function minutesOf(hhmm: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** Monday of the week holding the day (YYYY-MM-DD), as YYYY-MM-DD. */
export function mondayOf(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  const back = (date.getUTCDay() + 6) % 7;
  date.setUTCDate(date.getUTCDate() - back);
  return date.toISOString().slice(0, 10);
}

/** One colour per worker on the station's picture (readable on white, distinct in print). */
export const WORKER_COLOURS = [
  '#1f6feb', '#d97706', '#059669', '#9333ea', '#db2777', '#0891b2',
  '#65a30d', '#b45309', '#1e3a8a', '#0f766e', '#a21caf', '#854d0e',
];

import { useEffect, useState } from 'react';
import { useI18n, type I18n } from '../app/i18n';
import { daysUntil } from '../app/time';
import { useToday } from '../app/today';

/** The current time, refreshed every `everyMs` (a minute by default): countdowns tick. */
export function useNow(everyMs = 60_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** A span of time in whole days and hours (or hours, or minutes), in the language shown. */
export function formatSpan(ms: number, t: I18n['t']): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const hours = Math.floor(minutes / 60);
  const days = Math.floor(hours / 24);
  if (days >= 1) {
    const rest = hours % 24;
    return rest > 0 && days < 3 ? t('due.daysHours', { days, hours: rest }) : t('due.days', { count: days });
  }
  if (hours >= 1) return t('due.hours', { count: hours });
  return t('due.minutes', { count: Math.max(1, minutes) });
}

export type DueState = 'overdue' | 'soon' | 'later';

/** Past due; due within a day; later. */
export function dueState(dueAt: string, now: Date, overdue?: boolean): DueState {
  const ms = new Date(dueAt).getTime() - now.getTime();
  if (overdue || ms < 0) return 'overdue';
  return ms < 24 * 3_600_000 ? 'soon' : 'later';
}

/** A deadline as a countdown ("剩 2 天 3 小时") or, once passed, an overdue badge ("逾期 5 小时"). */
export function DueBadge({ dueAt, now, overdue }: { dueAt: string; now: Date; overdue?: boolean }) {
  const { t, dateTime } = useI18n();
  const ms = new Date(dueAt).getTime() - now.getTime();
  if (Number.isNaN(ms)) return <span className="muted">{dueAt}</span>;
  const state = dueState(dueAt, now, overdue);
  const span = formatSpan(ms, t);
  return (
    <span
      className={`badge due due-${state}`}
      data-testid="due-badge"
      data-state={state}
      title={t('due.by', { time: dateTime(dueAt) })}
    >
      {state === 'overdue' ? t('due.overdueBy', { time: span }) : t('due.left', { time: span })}
    </span>
  );
}

/** A due day (YYYY-MM-DD) relative to the server's today: 今天, 明天, 3 天后, 逾期 2 天. */
export function DayDue({ day }: { day: string }) {
  const { t } = useI18n();
  const days = daysUntil(day, useToday());
  if (Number.isNaN(days)) return <span className="muted">{day}</span>;
  const state: DueState = days < 0 ? 'overdue' : days <= 1 ? 'soon' : 'later';
  const text =
    days < 0
      ? t('due.daysOverdue', { count: -days })
      : days === 0
        ? t('due.today')
        : days === 1
          ? t('due.tomorrow')
          : t('due.inDays', { count: days });
  return (
    <span className={`badge due due-${state}`} data-testid="day-due" data-state={state} title={day}>
      {text}
    </span>
  );
}

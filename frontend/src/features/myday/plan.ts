// The worker's day, planned from what the server says: overdue first, then due soon.
import { levelRank, type WarningLevel } from '../../app/enums';
import { daysUntil, parseDay } from '../../app/time';
import type { AlertRow } from '../alerts/AlertsPage';
import type { MyDayMatchesQuery, OverdueListFieldsFragment } from '../../graphql/graphql';

/** How far ahead "due soon" looks, in days. */
export const SOON_DAYS = 7;

/** What is overdue for the worker (fragment OverdueListFields). */
export type OverdueList = OverdueListFieldsFragment;
export type OverdueAlert = OverdueList['alerts'][number];
export type OverdueFollowUp = OverdueList['followUps'][number];

export interface DayHousehold {
  id: string;
  warningLevel: WarningLevel;
  identity: { headName: string; address?: string | null } | null;
  village: { id: string; name: string };
  township: { id: string; name: string };
}

/** An active match of the worker (query MyDayMatches). */
export type DayMatch = MyDayMatchesQuery['matches']['edges'][number]['node'];

export interface DayTask {
  key: string;
  kind: 'ALERT' | 'FOLLOW_UP';
  overdue: boolean;
  householdId: string;
  /** The alert's level; for a follow-up, the household's warning level. */
  level: WarningLevel;
  /** An alert's deadline (date-time). */
  dueAt: string | null;
  /** A follow-up's day (YYYY-MM-DD). */
  dueDay: string | null;
  /** Hours (alert) or days (follow-up) past due; 0 when not overdue. */
  late: number;
  escalationStep: number;
  /** The household's active match of this worker: where the visit is recorded. */
  matchId: string | null;
  household: DayHousehold | null;
  lastVisitAt: string | null;
}

export interface DayPlan {
  overdue: DayTask[];
  soon: DayTask[];
  /** The worker's other active matches, by follow-up day: a visit can be recorded any day. */
  later: DayTask[];
}

interface PlanInput {
  overdue: OverdueList | null | undefined;
  matches: DayMatch[];
  alerts: AlertRow[];
  /** For alert deadlines (instants). */
  now: Date;
  /** The server's day (YYYY-MM-DD), for follow-up days. */
  today: string;
}

function alertHousehold(a: AlertRow | undefined): DayHousehold | null {
  if (!a?.household) return null;
  return { ...a.household, warningLevel: a.level };
}

/** When a task falls due, as a time: an alert's deadline, a follow-up's day at 00:00 local. */
function dueTime(task: DayTask): number {
  if (task.dueAt) return new Date(task.dueAt).getTime();
  return parseDay(task.dueDay)?.getTime() ?? Infinity;
}

/**
 * Overdue first — alerts (red first, then the longest overdue) before follow-ups (the longest
 * overdue first) — then what falls due in the next SOON_DAYS days, soonest first (an alert
 * before a follow-up due at the same time); the other active matches come last, under
 * `later`. The overdue list comes from `overdue()`; an
 * alert or match the lists mark overdue but that list lacks (it failed, or was read a
 * moment earlier) is still counted overdue, never dropped.
 */
export function planDay({ overdue, matches, alerts, now, today }: PlanInput): DayPlan {
  const matchByHousehold = new Map<string, DayMatch>();
  for (const m of matches) {
    if (m.status === 'ACTIVE' && m.household && !matchByHousehold.has(m.household.id)) {
      matchByHousehold.set(m.household.id, m);
    }
  }
  const matchById = new Map(matches.map((m) => [m.id, m]));
  const alertById = new Map(alerts.map((a) => [a.id, a]));
  const householdOf = (id: string): DayHousehold | null =>
    matchByHousehold.get(id)?.household ?? alertHousehold(alerts.find((a) => a.householdId === id));

  const late: DayTask[] = [];
  const seenAlerts = new Set<string>();
  const seenMatches = new Set<string>();

  for (const o of overdue?.alerts ?? []) {
    seenAlerts.add(o.alertId);
    const m = matchByHousehold.get(o.householdId);
    late.push({
      key: `alert:${o.alertId}`,
      kind: 'ALERT',
      overdue: true,
      householdId: o.householdId,
      level: o.level,
      dueAt: o.dueAt,
      dueDay: null,
      late: o.hoursOverdue,
      escalationStep: o.escalationStep,
      matchId: m?.id ?? null,
      household: m?.household ?? alertHousehold(alertById.get(o.alertId)) ?? householdOf(o.householdId),
      lastVisitAt: m?.lastVisitAt ?? null,
    });
  }
  for (const o of overdue?.followUps ?? []) {
    seenMatches.add(o.matchId);
    const m = matchById.get(o.matchId);
    late.push({
      key: `follow-up:${o.matchId}`,
      kind: 'FOLLOW_UP',
      overdue: true,
      householdId: o.householdId,
      level: m?.household?.warningLevel ?? 'NONE',
      dueAt: null,
      dueDay: o.followUpDue,
      late: o.daysOverdue,
      escalationStep: o.escalationStep,
      matchId: o.matchId,
      household: m?.household ?? householdOf(o.householdId),
      lastVisitAt: m?.lastVisitAt ?? null,
    });
  }

  const soon: DayTask[] = [];
  const later: DayTask[] = [];
  for (const a of alerts) {
    if (a.status !== 'OPEN' || seenAlerts.has(a.id)) continue;
    const due = new Date(a.dueAt).getTime();
    const isLate = a.overdue || due < now.getTime();
    const m = matchByHousehold.get(a.householdId);
    const task: DayTask = {
      key: `alert:${a.id}`,
      kind: 'ALERT',
      overdue: isLate,
      householdId: a.householdId,
      level: a.level,
      dueAt: a.dueAt,
      dueDay: null,
      late: isLate ? Math.max(0, (now.getTime() - due) / 3_600_000) : 0,
      escalationStep: 0,
      matchId: m?.id ?? null,
      household: m?.household ?? alertHousehold(a),
      lastVisitAt: m?.lastVisitAt ?? null,
    };
    // Open alerts are all listed: every one has a deadline that matters.
    if (isLate) late.push(task);
    else soon.push(task);
  }
  for (const m of matches) {
    if (m.status !== 'ACTIVE' || !m.household || seenMatches.has(m.id)) continue;
    if (!m.followUpDue) {
      later.push({
        key: `follow-up:${m.id}`,
        kind: 'FOLLOW_UP',
        overdue: false,
        householdId: m.household.id,
        level: m.household.warningLevel,
        dueAt: null,
        dueDay: null,
        late: 0,
        escalationStep: 0,
        matchId: m.id,
        household: m.household,
        lastVisitAt: m.lastVisitAt,
      });
      continue;
    }
    const days = daysUntil(m.followUpDue, today);
    const isLate = m.overdue || days < 0;
    const beyond = !isLate && days > SOON_DAYS;
    const task: DayTask = {
      key: `follow-up:${m.id}`,
      kind: 'FOLLOW_UP',
      overdue: isLate,
      householdId: m.household.id,
      level: m.household.warningLevel,
      dueAt: null,
      dueDay: m.followUpDue,
      late: isLate ? Math.max(0, -days) : 0,
      escalationStep: 0,
      matchId: m.id,
      household: m.household,
      lastVisitAt: m.lastVisitAt,
    };
    if (isLate) late.push(task);
    else if (beyond) later.push(task);
    else soon.push(task);
  }

  // Urgency first: alerts, then the warning level (red first, for follow-ups too), then the
  // earliest deadline; never the village.
  late.sort((a, b) => {
    if (a.kind !== b.kind) return a.kind === 'ALERT' ? -1 : 1;
    if (a.level !== b.level) return levelRank(a.level) - levelRank(b.level);
    return dueTime(a) - dueTime(b) || b.late - a.late || a.key.localeCompare(b.key);
  });
  soon.sort((a, b) => {
    const d = dueTime(a) - dueTime(b);
    if (d !== 0) return d;
    if (a.kind !== b.kind) return a.kind === 'ALERT' ? -1 : 1;
    return levelRank(a.level) - levelRank(b.level) || a.key.localeCompare(b.key);
  });
  // A household already listed above (for an alert) is not listed again.
  const listed = new Set([...late, ...soon].map((task) => task.householdId));
  const rest = later.filter((task) => !listed.has(task.householdId));
  rest.sort(
    (a, b) => dueTime(a) - dueTime(b) || levelRank(a.level) - levelRank(b.level) || a.key.localeCompare(b.key),
  );
  return { overdue: late, soon, later: rest };
}

/** Where the visit for a task is recorded; an alert's visit is a verifying one. */
export function visitPath(task: DayTask): string | null {
  if (!task.matchId) return null;
  const base = `/matches/${encodeURIComponent(task.matchId)}/visit`;
  return task.kind === 'ALERT' ? `${base}?verify=1` : base;
}

// The visit form's values, its client-side checks, and the server's field errors mapped back
// onto the form's fields. Field keys are the paths of RecordVisitInput as the server names
// them (visitedAt, needsDiscovered.0.estimatedCost …), except existing needs, keyed by id
// (`resolved.<needId>`), since the server's index is into the list the form sent.

import type {
  DiscoveredNeedInput,
  RecordVisitInput,
  RecordVisitMutation,
  ResolvedNeedInput,
} from '../../graphql/graphql';
import type { MessageKey } from '../../app/messages';
import { parseDay, parseLocalInput, pickLang, withOffset } from '../../app/time';
import type { Lang } from '../../app/messages';
import type { NeedKind, Urgency, VisitOutcome } from '../../app/enums';

/** A phone's clock may run a little ahead of the server's (the server allows 5 minutes). */
export const CLOCK_SKEW_MS = 5 * 60_000;
export const PLACE_MAX = 200;
export const FINDINGS_MAX = 4000;
export const DESCRIPTION_MAX = 500;
export const MAX_NEEDS = 20;

export interface NeedDraft {
  key: string;
  kind: NeedKind | '';
  description: string;
  cost: string;
  urgency: Urgency | '';
}

export type Resolution = '' | 'FULFILLED' | 'CANCELLED';

export interface VisitDraft {
  /** datetime-local: YYYY-MM-DDTHH:mm */
  visitedAt: string;
  place: string;
  /** Members ticked as met (their names, or their relation when the name is hidden). */
  metMembers: string[];
  /** Anyone else, separated by commas or 、 */
  metOthers: string;
  findings: string;
  outcome: VisitOutcome | '';
  needs: NeedDraft[];
  /** Existing needs the visit saw fulfilled or no longer needed, by need id. */
  resolved: Record<string, Resolution>;
  /** YYYY-MM-DD or '' for the cadence's date. */
  nextFollowUp: string;
  verifying: boolean;
}

/** A message for a field: a dictionary key with its parameters, or the server's own words. */
export type FieldMessage = { key: MessageKey; params?: Record<string, string | number> } | { text: string };

export type FieldErrors = Record<string, FieldMessage>;

export interface CheckContext {
  now: Date;
  /** The match's first day (YYYY-MM-DD); a visit cannot be earlier. */
  startedOn: string | null;
  /** The day an instant falls on, in the server's zone (the server judges days there). */
  dayOf: (instant: Date) => string;
}

let needCounter = 0;
export function newNeed(): NeedDraft {
  needCounter += 1;
  return { key: `need-${needCounter}`, kind: '', description: '', cost: '', urgency: '' };
}

/** Everyone met: the ticked members, then the others typed, trimmed, without repeats. */
export function metList(d: VisitDraft): string[] {
  const others = d.metOthers
    .split(/[,，、;；\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
  return [...new Set([...d.metMembers, ...others])];
}

const INTEGER = /^\d+$/;

/** The client-side checks: nothing in the future, nothing required left empty. */
export function checkVisit(d: VisitDraft, ctx: CheckContext): FieldErrors {
  const errors: FieldErrors = {};
  const at = d.visitedAt ? parseLocalInput(d.visitedAt) : null;
  if (!d.visitedAt) errors.visitedAt = { key: 'visit.required' };
  else if (!at) errors.visitedAt = { key: 'visit.badTime' };
  else if (at.getTime() > ctx.now.getTime() + CLOCK_SKEW_MS) errors.visitedAt = { key: 'visit.inFuture' };
  else if (ctx.startedOn && ctx.dayOf(at) < ctx.startedOn) {
    errors.visitedAt = { key: 'visit.beforeStart', params: { date: ctx.startedOn } };
  }

  if (!d.place.trim()) errors.place = { key: 'visit.required' };
  else if (d.place.length > PLACE_MAX) errors.place = { key: 'visit.tooLong', params: { max: PLACE_MAX } };

  if (!d.outcome) errors.outcome = { key: 'visit.required' };
  const met = metList(d);
  if (d.outcome && d.outcome !== 'NOT_MET' && met.length === 0) errors.met = { key: 'visit.metRequired' };

  if (d.outcome !== 'NOT_MET' && !d.findings.trim()) errors.findings = { key: 'visit.required' };
  else if (d.findings.length > FINDINGS_MAX) errors.findings = { key: 'visit.tooLong', params: { max: FINDINGS_MAX } };

  d.needs.forEach((n, i) => {
    const at = `needsDiscovered.${i}`;
    if (!n.kind) errors[`${at}.kind`] = { key: 'visit.required' };
    if (!n.description.trim()) errors[`${at}.description`] = { key: 'visit.required' };
    else if (n.description.length > DESCRIPTION_MAX) {
      errors[`${at}.description`] = { key: 'visit.tooLong', params: { max: DESCRIPTION_MAX } };
    }
    if (!n.cost.trim()) errors[`${at}.estimatedCost`] = { key: 'visit.required' };
    else if (!INTEGER.test(n.cost.trim())) errors[`${at}.estimatedCost`] = { key: 'visit.badCost' };
    if (!n.urgency) errors[`${at}.urgency`] = { key: 'visit.required' };
  });

  if (d.nextFollowUp) {
    const next = parseDay(d.nextFollowUp);
    if (!next) errors.nextFollowUp = { key: 'visit.badTime' };
    else if (at && d.nextFollowUp <= ctx.dayOf(at)) errors.nextFollowUp = { key: 'visit.followUpAfter' };
  }

  if (d.verifying && d.outcome === 'NOT_MET') errors.verifying = { key: 'visit.notMetVerify' };
  return errors;
}

/**
 * The variables of recordVisit; `resolvedOrder` is the need id of each needsResolved entry.
 * `sentAt`: the time left at "now" is sent as the moment of saving, to the second (the field
 * shows minutes only; an alert raised earlier in the same minute is still verified).
 */
export function toInput(d: VisitDraft, matchId: string, expectedVersion: number | null, sentAt?: Date) {
  const at = sentAt ?? parseLocalInput(d.visitedAt);
  const resolvedOrder = Object.entries(d.resolved)
    .filter(([, status]) => status !== '')
    .map(([needId]) => needId);
  return {
    resolvedOrder,
    input: {
      matchId,
      visitedAt: at ? withOffset(at) : d.visitedAt,
      place: d.place.trim(),
      met: d.outcome === 'NOT_MET' ? [] : metList(d),
      findings: d.findings.trim(),
      outcome: d.outcome,
      needsDiscovered: d.needs.map((n) => ({
        kind: n.kind,
        description: n.description.trim(),
        estimatedCost: Number(n.cost.trim()),
        urgency: n.urgency,
      })),
      needsResolved: resolvedOrder.map((needId) => ({ needId, status: d.resolved[needId] })),
      nextFollowUp: d.nextFollowUp || null,
      verifying: d.verifying,
      ...(expectedVersion != null ? { expectedVersion } : {}),
    },
  };
}

/**
 * The recordVisit input once every choice is made (outcome, each need's kind and urgency, each
 * resolution), as checkVisit ensures; null while one is still empty.
 */
export function completeInput({ outcome, needsDiscovered, needsResolved, ...rest }: ReturnType<typeof toInput>['input']): RecordVisitInput | null {
  if (outcome === '') return null;
  const needs: DiscoveredNeedInput[] = [];
  for (const { kind, urgency, ...n } of needsDiscovered) {
    if (kind === '' || urgency === '') return null;
    needs.push({ ...n, kind, urgency });
  }
  const resolved: ResolvedNeedInput[] = [];
  for (const { needId, status } of needsResolved) {
    if (status === '' || status === undefined) return null;
    resolved.push({ needId, status });
  }
  return { ...rest, outcome, needsDiscovered: needs, needsResolved: resolved };
}

export type ServerProblem = NonNullable<Extract<RecordVisitMutation['recordVisit'], { __typename: 'InvalidInput' }>>['errors'][number];

/** Codes the dictionary words better than the server's English reason. */
const CODE_MESSAGES: Record<string, MessageKey> = {
  IN_FUTURE: 'visit.inFuture',
  AFTER_VISIT: 'visit.followUpAfter',
  NOT_MET: 'visit.notMetVerify',
};

/**
 * The server's field problems on the form's fields. Paths may come with an `input.` prefix;
 * `needsResolved.<i>.…` is turned back into the need's id. A field the form does not show
 * is kept under its own path (the form lists those at the top).
 */
export function mapServerErrors(problems: ServerProblem[], resolvedOrder: string[], lang: Lang): FieldErrors {
  const out: FieldErrors = {};
  for (const p of problems) {
    let field = p.field.replace(/^input\./, '');
    const resolved = /^needsResolved\.(\d+)(?:\.|$)/.exec(field);
    if (resolved) {
      const needId = resolvedOrder[Number(resolved[1])];
      field = needId ? `resolved.${needId}` : field;
    }
    if (field === 'met' && p.code === 'REQUIRED') {
      out[field] ??= { key: 'visit.metRequired' };
      continue;
    }
    const key =
      CODE_MESSAGES[p.code] ??
      (p.code === 'REQUIRED' || p.code === 'MISSING_VALUE'
        ? 'visit.required'
        : field.endsWith('.estimatedCost') && (p.code === 'OUT_OF_RANGE' || p.code === 'NOT_INTEGER')
          ? 'visit.badCost'
          : undefined);
    const message: FieldMessage = key ? { key } : { text: pickLang(p.reason, lang) || p.reason };
    out[field] ??= message;
  }
  return out;
}

/** The fields the form shows, in the order they appear (for focusing the first error). */
export function fieldOrder(d: VisitDraft): string[] {
  return [
    'visitedAt',
    'place',
    'outcome',
    'met',
    'findings',
    ...d.needs.flatMap((_, i) =>
      ['kind', 'description', 'estimatedCost', 'urgency'].map((f) => `needsDiscovered.${i}.${f}`),
    ),
    ...Object.keys(d.resolved).map((id) => `resolved.${id}`),
    'nextFollowUp',
    'verifying',
  ];
}

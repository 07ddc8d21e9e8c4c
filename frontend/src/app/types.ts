// TypeScript shapes of the GraphQL contract (schema.graphql), as far as the UI reads them.

export type Role =
  | 'ADMIN'
  | 'COORDINATOR'
  | 'STATION_MANAGER'
  | 'SOCIAL_WORKER'
  | 'CHARITY'
  | 'ENTERPRISE'
  | 'VOLUNTEER'
  | 'AUDITOR';
export type Tier = 'EXTREME' | 'DIBAO' | 'NEAR_DIBAO' | 'EXPENDITURE' | 'TEMPORARY';
export type DibaoClass = 'A' | 'B' | 'C';
export type Cause =
  | 'ILLNESS'
  | 'DISABILITY'
  | 'SCHOOLING'
  | 'DISASTER'
  | 'UNEMPLOYMENT'
  | 'ACCIDENT'
  | 'LACK_OF_LABOUR';
export type SpecialGroup = 'ELDERLY' | 'CHILD' | 'DISABLED' | 'LEFT_BEHIND_CHILD' | 'LEFT_BEHIND_ELDER';
export type WarningLevel = 'NONE' | 'BLUE' | 'YELLOW' | 'ORANGE' | 'RED';
export type RegionLevel = 'COUNTY' | 'TOWNSHIP' | 'VILLAGE';
export type NeedKind =
  | 'MEDICAL'
  | 'EDUCATION'
  | 'HOUSING'
  | 'EMPLOYMENT'
  | 'DAILY_CARE'
  | 'PSYCHOLOGICAL'
  | 'REHABILITATION'
  | 'LEGAL_AID'
  | 'BASIC_LIVING';

export const TIERS: Tier[] = ['EXTREME', 'DIBAO', 'NEAR_DIBAO', 'EXPENDITURE', 'TEMPORARY'];
export const DIBAO_CLASSES: DibaoClass[] = ['A', 'B', 'C'];
export const CAUSES: Cause[] = [
  'ILLNESS',
  'DISABILITY',
  'SCHOOLING',
  'DISASTER',
  'UNEMPLOYMENT',
  'ACCIDENT',
  'LACK_OF_LABOUR',
];
export const WARNING_LEVELS: WarningLevel[] = ['RED', 'ORANGE', 'YELLOW', 'BLUE', 'NONE'];
export const ROLES: Role[] = [
  'ADMIN',
  'COORDINATOR',
  'STATION_MANAGER',
  'SOCIAL_WORKER',
  'CHARITY',
  'ENTERPRISE',
  'VOLUNTEER',
  'AUDITOR',
];

/**
 * Roles that see who a household is (names, ID numbers, phones, addresses, locations).
 * Mirrors server/roles.py IDENTITY_ROLES; the server is the authority (it returns null
 * identity otherwise), the UI only uses this to decide whether to offer a name search.
 */
export const IDENTITY_ROLES: ReadonlySet<Role> = new Set<Role>([
  'ADMIN',
  'COORDINATOR',
  'STATION_MANAGER',
  'SOCIAL_WORKER',
  'AUDITOR',
]);

export interface User {
  id: string;
  username: string;
  role: Role;
  displayName: string;
}

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface Connection<T> {
  totalCount: number;
  pageInfo: PageInfo;
  edges: { cursor: string; node: T }[];
}

export interface RegionRef {
  id: string;
  name: string;
}

export interface Region extends RegionRef {
  level: RegionLevel;
  parentId: string | null;
}

/** Roles that see the caseload pages (社工站个案负荷); a social worker sees its station read-only. */
export const CASELOAD_VIEW_ROLES: ReadonlySet<Role> = new Set<Role>([
  'ADMIN',
  'COORDINATOR',
  'STATION_MANAGER',
  'SOCIAL_WORKER',
]);

/** Roles that may request, approve and reject caseload plans and reassign a household. */
export const CASELOAD_ACT_ROLES: ReadonlySet<Role> = new Set<Role>(['ADMIN', 'COORDINATOR', 'STATION_MANAGER']);

/** Roles that may import households from a CSV file (importHouseholds). */
export const IMPORT_ROLES: ReadonlySet<Role> = new Set<Role>(['ADMIN', 'COORDINATOR', 'STATION_MANAGER']);

export function hasRole(user: User | null | undefined, roles: ReadonlySet<Role>): boolean {
  return user != null && roles.has(user.role);
}

/** A long-running job (Query.job): status QUEUED | RUNNING | SUCCEEDED | FAILED. */
export interface Job {
  id: string;
  status: string;
  progress: number;
  message: string;
  error?: string | null;
  result?: unknown;
}

export const JOB_DONE_STATUSES: ReadonlySet<string> = new Set(['SUCCEEDED', 'FAILED']);

/** Every error type of a mutation result implements UserError. */
export interface UserErrorShape {
  message: string;
  field?: string | null;
  code: string;
}

// ---- Follow-through (issue 5): alerts, visits, timeline, oversight, audit ----

/** Roles that read alerts and overdue lists (server: WARNING_READERS). */
export const ALERT_ROLES: ReadonlySet<Role> = new Set<Role>([
  'ADMIN',
  'COORDINATOR',
  'STATION_MANAGER',
  'SOCIAL_WORKER',
  'AUDITOR',
]);

/** Roles that read matches, a household's timeline and its statement (server: MATCH_READERS). */
export const MATCH_ROLES: ReadonlySet<Role> = IDENTITY_ROLES;

/** Roles that record visits (server: VISIT_RECORDERS); a worker on their own matches only. */
export const VISIT_ROLES: ReadonlySet<Role> = new Set<Role>([
  'ADMIN',
  'COORDINATOR',
  'STATION_MANAGER',
  'SOCIAL_WORKER',
]);

/** The worker's own day (我的今日). */
export const MY_DAY_ROLES: ReadonlySet<Role> = new Set<Role>(['SOCIAL_WORKER']);

/** Supervisors (跟进督导): stale pairings with a reminder, silent workers, overdue lists. */
export const OVERSIGHT_ROLES: ReadonlySet<Role> = new Set<Role>(['ADMIN', 'COORDINATOR', 'STATION_MANAGER']);

/** Readers of the audit log (审计日志). */
export const AUDIT_ROLES: ReadonlySet<Role> = new Set<Role>(['ADMIN', 'AUDITOR']);

/** Where a user lands after signing in: a worker's day, else the household list. */
export function landingPath(user: User | null | undefined): string {
  return user && MY_DAY_ROLES.has(user.role) ? '/my-day' : '/households';
}

export type AlertStatus = 'OPEN' | 'RESOLVED';
export type AssigneeKind = 'WORKER' | 'STATION' | 'COUNTY';
export type MatchStatus = 'PROPOSED' | 'ACTIVE' | 'CLOSED' | 'REJECTED' | 'TRANSFERRED' | 'NOT_SELECTED';
export type MatchOutcome = 'STABLE' | 'EXITED' | 'REFERRED' | 'MOVED' | 'DECEASED';
export type VisitOutcome = 'STABLE' | 'CONCERN' | 'URGENT' | 'NOT_MET';
export type Urgency = 'LOW' | 'MEDIUM' | 'HIGH';
export type IndicatorKind =
  | 'HOSPITALISATION'
  | 'CHRONIC_DISEASE'
  | 'NEW_DISABILITY'
  | 'NEW_UNEMPLOYMENT'
  | 'COLLEGE_ADMISSION'
  | 'MEDICAL_COST'
  | 'SCHOOLING_COST';
export type TimelineKind =
  | 'EVENT'
  | 'ALERT_RAISED'
  | 'ALERT_RESOLVED'
  | 'MATCH_PROPOSED'
  | 'MATCH_ACTIVATED'
  | 'MATCH_REJECTED'
  | 'MATCH_TRANSFERRED'
  | 'MATCH_CLOSED'
  | 'TRANSITION_ENDS'
  | 'VISIT'
  | 'FOLLOW_UP_DUE'
  | 'ESCALATION'
  | 'NEED_REPORTED'
  | 'NEED_STATUS_CHANGED';

export const ALERT_STATUSES: AlertStatus[] = ['OPEN', 'RESOLVED'];
export const ALERT_LEVELS: WarningLevel[] = ['RED', 'ORANGE', 'YELLOW', 'BLUE'];
export const VISIT_OUTCOMES: VisitOutcome[] = ['STABLE', 'CONCERN', 'URGENT', 'NOT_MET'];
export const URGENCIES: Urgency[] = ['LOW', 'MEDIUM', 'HIGH'];
export const NEED_KINDS: NeedKind[] = [
  'MEDICAL',
  'EDUCATION',
  'HOUSING',
  'EMPLOYMENT',
  'DAILY_CARE',
  'PSYCHOLOGICAL',
  'REHABILITATION',
  'LEGAL_AID',
  'BASIC_LIVING',
];
export const INDICATOR_KINDS: IndicatorKind[] = [
  'HOSPITALISATION',
  'CHRONIC_DISEASE',
  'NEW_DISABILITY',
  'NEW_UNEMPLOYMENT',
  'COLLEGE_ADMISSION',
  'MEDICAL_COST',
  'SCHOOLING_COST',
];
export const MATCH_STATUSES: MatchStatus[] = ['PROPOSED', 'ACTIVE', 'CLOSED', 'REJECTED', 'TRANSFERRED', 'NOT_SELECTED'];
export const MATCH_OUTCOMES: MatchOutcome[] = ['STABLE', 'EXITED', 'REFERRED', 'MOVED', 'DECEASED'];
export const TIMELINE_KINDS: TimelineKind[] = [
  'EVENT',
  'ALERT_RAISED',
  'ALERT_RESOLVED',
  'MATCH_PROPOSED',
  'MATCH_ACTIVATED',
  'MATCH_REJECTED',
  'MATCH_TRANSFERRED',
  'MATCH_CLOSED',
  'TRANSITION_ENDS',
  'VISIT',
  'FOLLOW_UP_DUE',
  'ESCALATION',
  'NEED_REPORTED',
  'NEED_STATUS_CHANGED',
];

/** Red first: the order of warning levels by urgency (NONE last). */
export function levelRank(level: WarningLevel): number {
  const i = WARNING_LEVELS.indexOf(level);
  return i < 0 ? WARNING_LEVELS.length : i;
}

// Who may see and do what in the UI. The server is the authority (it refuses or returns null
// identity); these sets only decide what the UI offers. Mirrors server/roles.py.
import type { MeQuery, Role } from '../graphql/graphql';

export type { Role };

/** The signed-in user, as `me` (and `login`, with the same fields) returns it. */
export type User = NonNullable<MeQuery['me']>;

/** Roles that see who a household is (names, ID numbers, phones, addresses, locations). */
export const IDENTITY_ROLES: ReadonlySet<Role> = new Set<Role>([
  'ADMIN',
  'COORDINATOR',
  'STATION_MANAGER',
  'SOCIAL_WORKER',
  'AUDITOR',
]);

export function hasRole(user: User | null | undefined, roles: ReadonlySet<Role>): boolean {
  return user != null && roles.has(user.role);
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

/** A station's day of rounds (站点路线) and planning its week (requestStationWeekRounds). */
export const STATION_ROUNDS_ROLES: ReadonlySet<Role> = new Set<Role>(['ADMIN', 'COORDINATOR', 'STATION_MANAGER']);

/** Supervisors (跟进督导): stale pairings with a reminder, silent workers, overdue lists. */
export const OVERSIGHT_ROLES: ReadonlySet<Role> = new Set<Role>(['ADMIN', 'COORDINATOR', 'STATION_MANAGER']);

/** The county dashboard (统筹看板) and its exports (server: the `dashboard` row). */
export const DASHBOARD_ROLES: ReadonlySet<Role> = new Set<Role>(['ADMIN', 'COORDINATOR', 'AUDITOR']);

/** Roles that read each station's coverage on the stations page (the same `dashboard` row). */
export const STATION_COVERAGE_ROLES: ReadonlySet<Role> = new Set<Role>(['ADMIN', 'COORDINATOR', 'STATION_MANAGER', 'AUDITOR']);

/** Roles that may export the household list (server: the `exportHouseholds` row). */
export const HOUSEHOLD_EXPORT_ROLES: ReadonlySet<Role> = new Set<Role>([
  'ADMIN',
  'COORDINATOR',
  'STATION_MANAGER',
  'SOCIAL_WORKER',
  'AUDITOR',
  'VOLUNTEER',
]);

/** Readers of the audit log (审计日志). */
export const AUDIT_ROLES: ReadonlySet<Role> = new Set<Role>(['ADMIN', 'AUDITOR']);

/** Charities and enterprises: they adopt needs (claimNeed) and read no household. */
export const ORGANISATION_ROLES: ReadonlySet<Role> = new Set<Role>(['CHARITY', 'ENTERPRISE']);

/** Whose home is the marketplace (我的帮扶 / 需求广场). */
export const MARKET_HOME_ROLES: ReadonlySet<Role> = new Set<Role>(['CHARITY', 'ENTERPRISE', 'VOLUNTEER']);

/** Readers of the funds ledger (资金台账): the organisations (their own) and the identity roles. */
export const LEDGER_ROLES: ReadonlySet<Role> = new Set<Role>([...IDENTITY_ROLES, 'CHARITY', 'ENTERPRISE']);

/** Roles that may open the household list (server: HOUSEHOLD_READERS). */
export const HOUSEHOLD_LIST_ROLES: ReadonlySet<Role> = new Set<Role>([...IDENTITY_ROLES, 'VOLUNTEER']);

/** The support network and its gaps (支持网络, server: NETWORK_READERS less the station's and
 * auditor's, who keep their own landing): the county's roles. */
export const NETWORK_ROLES: ReadonlySet<Role> = new Set<Role>(['ADMIN', 'COORDINATOR']);

/** Volunteering (issue 10): volunteers take care tasks; grid members report (网格上报);
 * the station sets tasks for its households and confirms grid reports (网格发现). */
export const VOLUNTEER_ROLES: ReadonlySet<Role> = new Set<Role>(['VOLUNTEER']);
export const CARE_TASK_SET_ROLES: ReadonlySet<Role> = new Set<Role>(['ADMIN', 'COORDINATOR', 'STATION_MANAGER', 'SOCIAL_WORKER']);
export const GRID_QUEUE_ROLES: ReadonlySet<Role> = CARE_TASK_SET_ROLES;
/** Jobs and training places (就业帮扶): enterprises post; the station records consent. */
export const JOBS_ROLES: ReadonlySet<Role> = new Set<Role>(['ENTERPRISE', ...CARE_TASK_SET_ROLES]);

/** Where a user lands after signing in: a worker's day, an organisation's support, the
 * coordinator's network, else households. */
export function landingPath(user: User | null | undefined): string {
  if (user && MY_DAY_ROLES.has(user.role)) return '/my-day';
  if (user && MARKET_HOME_ROLES.has(user.role)) return '/market';
  if (user && user.role === 'COORDINATOR') return '/network';
  return '/households';
}

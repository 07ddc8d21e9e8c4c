// The schema's enums as the UI orders them in filters and forms. The types are generated
// from schema.graphql (src/graphql/); each list is checked to hold every value exactly once,
// so a value added to the schema is a type error here until it is placed.
import type {
  AlertStatus,
  AssigneeKind,
  BalancePriority,
  Cause,
  DibaoClass,
  IndicatorKind,
  MatchOutcome,
  MatchStatus,
  NeedKind,
  NeedStatus,
  PlanScopeKind,
  PlanStatus,
  ProposalKind,
  RegionLevel,
  Relation,
  Role,
  Sex,
  SpecialGroup,
  Tier,
  TimelineKind,
  TravelMode,
  Urgency,
  VisitOutcome,
  WarningLevel,
} from '../graphql/graphql';

export type {
  AlertStatus,
  AssigneeKind,
  BalancePriority,
  Cause,
  DibaoClass,
  IndicatorKind,
  MatchOutcome,
  MatchStatus,
  NeedKind,
  NeedStatus,
  PlanScopeKind,
  PlanStatus,
  ProposalKind,
  RegionLevel,
  Relation,
  Role,
  Sex,
  SpecialGroup,
  Tier,
  TimelineKind,
  TravelMode,
  Urgency,
  VisitOutcome,
  WarningLevel,
};

/** The values the list lacks (never when it has them all). */
type Missing<E extends string, L extends readonly E[]> = Exclude<E, L[number]>;

/**
 * An ordered list of every value of enum E: `everyValue<Tier>()(['EXTREME', …])` fails to
 * type-check when a value is missing (or is not one of E).
 */
export function everyValue<E extends string>() {
  return <const L extends readonly E[]>(values: L & ([Missing<E, L>] extends [never] ? unknown : Missing<E, L>[])): E[] => [
    ...values,
  ];
}

export const TIERS = everyValue<Tier>()(['EXTREME', 'DIBAO', 'NEAR_DIBAO', 'EXPENDITURE', 'TEMPORARY']);
export const DIBAO_CLASSES = everyValue<DibaoClass>()(['A', 'B', 'C']);
export const CAUSES = everyValue<Cause>()([
  'ILLNESS',
  'DISABILITY',
  'SCHOOLING',
  'DISASTER',
  'UNEMPLOYMENT',
  'ACCIDENT',
  'LACK_OF_LABOUR',
]);
/** Red first: the order of warning levels by urgency (NONE last). */
export const WARNING_LEVELS = everyValue<WarningLevel>()(['RED', 'ORANGE', 'YELLOW', 'BLUE', 'NONE']);
export const ROLES = everyValue<Role>()([
  'ADMIN',
  'COORDINATOR',
  'STATION_MANAGER',
  'SOCIAL_WORKER',
  'CHARITY',
  'ENTERPRISE',
  'VOLUNTEER',
  'AUDITOR',
]);
export const SPECIAL_GROUPS = everyValue<SpecialGroup>()([
  'ELDERLY',
  'CHILD',
  'DISABLED',
  'LEFT_BEHIND_CHILD',
  'LEFT_BEHIND_ELDER',
]);
export const REGION_LEVELS = everyValue<RegionLevel>()(['COUNTY', 'TOWNSHIP', 'VILLAGE']);
export const ALERT_STATUSES = everyValue<AlertStatus>()(['OPEN', 'RESOLVED']);
export const ASSIGNEE_KINDS = everyValue<AssigneeKind>()(['WORKER', 'STATION', 'COUNTY']);
/** The levels an alert can have (NONE is no alert). */
export const ALERT_LEVELS: WarningLevel[] = WARNING_LEVELS.filter((l) => l !== 'NONE');
export const VISIT_OUTCOMES = everyValue<VisitOutcome>()(['STABLE', 'CONCERN', 'URGENT', 'NOT_MET']);
export const URGENCIES = everyValue<Urgency>()(['LOW', 'MEDIUM', 'HIGH']);
export const NEED_STATUSES = everyValue<NeedStatus>()(['OPEN', 'PLEDGED', 'FULFILLED', 'CANCELLED']);
export const NEED_KINDS = everyValue<NeedKind>()([
  'MEDICAL',
  'EDUCATION',
  'HOUSING',
  'EMPLOYMENT',
  'DAILY_CARE',
  'PSYCHOLOGICAL',
  'REHABILITATION',
  'LEGAL_AID',
  'BASIC_LIVING',
]);
export const INDICATOR_KINDS = everyValue<IndicatorKind>()([
  'HOSPITALISATION',
  'CHRONIC_DISEASE',
  'NEW_DISABILITY',
  'NEW_UNEMPLOYMENT',
  'COLLEGE_ADMISSION',
  'MEDICAL_COST',
  'SCHOOLING_COST',
]);
export const MATCH_STATUSES = everyValue<MatchStatus>()([
  'PROPOSED',
  'ACTIVE',
  'CLOSED',
  'REJECTED',
  'TRANSFERRED',
  'NOT_SELECTED',
  'RELEASED',
]);
export const MATCH_OUTCOMES = everyValue<MatchOutcome>()(['STABLE', 'EXITED', 'REFERRED', 'MOVED', 'DECEASED']);
export const TIMELINE_KINDS = everyValue<TimelineKind>()([
  'INTAKE',
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
  'CARE_TASK_DONE',
  'JOB_OUTCOME',
  'REFERRAL_SENT',
  'REFERRAL_ANSWERED',
  'CONFERENCE_CONVENED',
  'CONFERENCE_HELD',
  'DECISION_DUE',
  'DECISION_DONE',
]);
export const PLAN_STATUSES = everyValue<PlanStatus>()([
  'COMPUTING',
  'PROPOSED',
  'SUPERSEDED',
  'APPROVED',
  'PARTIALLY_APPROVED',
  'REJECTED',
  'WHAT_IF',
  'FAILED',
]);
export const PROPOSAL_KINDS = everyValue<ProposalKind>()(['NEW', 'MOVED', 'UNCHANGED', 'LEFT_OUT']);
export const BALANCE_PRIORITIES = everyValue<BalancePriority>()(['TRAVEL_FIRST', 'BALANCED', 'EVEN_LOADS']);
export const PLAN_SCOPE_KINDS = everyValue<PlanScopeKind>()(['STATION', 'TOWNSHIP', 'COUNTY']);
export const SEXES = everyValue<Sex>()(['M', 'F']);
export const RELATIONS = everyValue<Relation>()(['HEAD', 'SPOUSE', 'CHILD', 'PARENT', 'GRANDCHILD', 'SIBLING', 'OTHER']);
export const TRAVEL_MODES = everyValue<TravelMode>()(['WALK', 'BIKE', 'EBIKE', 'BUS', 'CAR']);

/** Red first: the rank of a warning level by urgency (NONE last). */
export function levelRank(level: WarningLevel): number {
  const i = WARNING_LEVELS.indexOf(level);
  return i < 0 ? WARNING_LEVELS.length : i;
}

/** Job.status values after which a job no longer changes (Job.status is a free string). */
export const JOB_DONE_STATUSES: ReadonlySet<string> = new Set(['SUCCEEDED', 'FAILED']);

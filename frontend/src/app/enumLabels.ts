// The labels of the schema's enums (and of a few free strings the server sends), in every
// language; re-exported by messages.ts, which the pages read them through.
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
  RoundVisitKind,
  Sex,
  SpecialGroup,
  Tier,
  TravelMode,
  Urgency,
  VisitOutcome,
  WarningLevel,
} from '../graphql/graphql';
import type { LeftOutReason, PairingReason } from '../features/caseload/types';
import { ACTIVITY_ENUM_LABELS } from './enumLabelsActivity';
import { labels, type Labels } from './labelsOf';
import type { Lang } from './messages';

export const ENUM_LABELS = {
  Tier: labels<Tier>({
    EXTREME: { 'zh-CN': '特困', en: 'Destitute' },
    DIBAO: { 'zh-CN': '低保', en: 'Dibao' },
    NEAR_DIBAO: { 'zh-CN': '低保边缘', en: 'Near-dibao' },
    EXPENDITURE: { 'zh-CN': '支出型贫困', en: 'Expenditure poverty' },
    TEMPORARY: { 'zh-CN': '临时救助', en: 'Temporary relief' },
  }),
  DibaoClass: labels<DibaoClass>({
    A: { 'zh-CN': 'A类 重点保障户', en: 'Class A (priority)' },
    B: { 'zh-CN': 'B类 基本保障户', en: 'Class B (basic)' },
    C: { 'zh-CN': 'C类 一般保障户', en: 'Class C (general)' },
  }),
  Cause: labels<Cause>({
    ILLNESS: { 'zh-CN': '因病', en: 'Illness' },
    DISABILITY: { 'zh-CN': '因残', en: 'Disability' },
    SCHOOLING: { 'zh-CN': '因学', en: 'Schooling' },
    DISASTER: { 'zh-CN': '因灾', en: 'Disaster' },
    UNEMPLOYMENT: { 'zh-CN': '失业', en: 'Unemployment' },
    ACCIDENT: { 'zh-CN': '意外', en: 'Accident' },
    LACK_OF_LABOUR: { 'zh-CN': '缺劳力', en: 'Lack of labour' },
  }),
  SpecialGroup: labels<SpecialGroup>({
    ELDERLY: { 'zh-CN': '老年人', en: 'Elderly' },
    CHILD: { 'zh-CN': '未成年人', en: 'Minor' },
    DISABLED: { 'zh-CN': '残疾人', en: 'Disabled' },
    LEFT_BEHIND_CHILD: { 'zh-CN': '留守儿童', en: 'Left-behind child' },
    LEFT_BEHIND_ELDER: { 'zh-CN': '留守老人', en: 'Left-behind elder' },
  }),
  WarningLevel: labels<WarningLevel>({
    NONE: { 'zh-CN': '无', en: 'None' },
    BLUE: { 'zh-CN': '蓝色', en: 'Blue' },
    YELLOW: { 'zh-CN': '黄色', en: 'Yellow' },
    ORANGE: { 'zh-CN': '橙色', en: 'Orange' },
    RED: { 'zh-CN': '红色', en: 'Red' },
  }),
  RegionLevel: labels<RegionLevel>({
    COUNTY: { 'zh-CN': '县', en: 'County' },
    TOWNSHIP: { 'zh-CN': '乡镇', en: 'Township' },
    VILLAGE: { 'zh-CN': '村', en: 'Village' },
  }),
  NeedKind: labels<NeedKind>({
    MEDICAL: { 'zh-CN': '医疗', en: 'Medical' },
    EDUCATION: { 'zh-CN': '教育', en: 'Education' },
    HOUSING: { 'zh-CN': '住房', en: 'Housing' },
    EMPLOYMENT: { 'zh-CN': '就业', en: 'Employment' },
    DAILY_CARE: { 'zh-CN': '日常照料', en: 'Daily care' },
    PSYCHOLOGICAL: { 'zh-CN': '心理疏导', en: 'Psychological support' },
    REHABILITATION: { 'zh-CN': '康复照护', en: 'Rehabilitation' },
    LEGAL_AID: { 'zh-CN': '法律援助', en: 'Legal aid' },
    BASIC_LIVING: { 'zh-CN': '基本生活', en: 'Basic living' },
  }),
  Role: labels<Role>({
    ADMIN: { 'zh-CN': '系统管理员', en: 'Administrator' },
    COORDINATOR: { 'zh-CN': '县级统筹', en: 'County coordinator' },
    STATION_MANAGER: { 'zh-CN': '社工站站长', en: 'Station manager' },
    SOCIAL_WORKER: { 'zh-CN': '社工', en: 'Social worker' },
    CHARITY: { 'zh-CN': '慈善组织', en: 'Charity' },
    ENTERPRISE: { 'zh-CN': '企业', en: 'Enterprise' },
    VOLUNTEER: { 'zh-CN': '志愿者', en: 'Volunteer' },
    AUDITOR: { 'zh-CN': '审计监督', en: 'Auditor' },
  }),
  NeedStatus: labels<NeedStatus>({
    OPEN: { 'zh-CN': '待认领', en: 'Open' },
    PLEDGED: { 'zh-CN': '已认领', en: 'Pledged' },
    FULFILLED: { 'zh-CN': '已完成', en: 'Fulfilled' },
    CANCELLED: { 'zh-CN': '已取消', en: 'Cancelled' },
  }),
  Urgency: labels<Urgency>({
    LOW: { 'zh-CN': '一般', en: 'Low' },
    MEDIUM: { 'zh-CN': '较急', en: 'Medium' },
    HIGH: { 'zh-CN': '紧急', en: 'High' },
  }),
  Sex: labels<Sex>({
    M: { 'zh-CN': '男', en: 'Male' },
    F: { 'zh-CN': '女', en: 'Female' },
  }),
  Relation: labels<Relation>({
    HEAD: { 'zh-CN': '户主', en: 'Head' },
    SPOUSE: { 'zh-CN': '配偶', en: 'Spouse' },
    CHILD: { 'zh-CN': '子女', en: 'Child' },
    PARENT: { 'zh-CN': '父母', en: 'Parent' },
    GRANDCHILD: { 'zh-CN': '孙子女', en: 'Grandchild' },
    SIBLING: { 'zh-CN': '兄弟姐妹', en: 'Sibling' },
    OTHER: { 'zh-CN': '其他', en: 'Other' },
  }),
  TravelMode: labels<TravelMode>({
    WALK: { 'zh-CN': '步行', en: 'On foot' },
    BIKE: { 'zh-CN': '骑行', en: 'Bicycle' },
    EBIKE: { 'zh-CN': '电动车', en: 'E-bike' },
    BUS: { 'zh-CN': '公交', en: 'Bus' },
    CAR: { 'zh-CN': '汽车', en: 'Car' },
  }),
  PlanStatus: labels<PlanStatus>({
    COMPUTING: { 'zh-CN': '计算中', en: 'Computing' },
    PROPOSED: { 'zh-CN': '待审批', en: 'Proposed' },
    APPROVED: { 'zh-CN': '已批准', en: 'Approved' },
    PARTIALLY_APPROVED: { 'zh-CN': '部分批准', en: 'Partly approved' },
    REJECTED: { 'zh-CN': '已驳回', en: 'Rejected' },
    SUPERSEDED: { 'zh-CN': '已被新方案取代', en: 'Superseded' },
    WHAT_IF: { 'zh-CN': '情景推演', en: 'What-if' },
    FAILED: { 'zh-CN': '计算失败', en: 'Failed' },
  }),
  ProposalKind: labels<ProposalKind>({
    NEW: { 'zh-CN': '新增', en: 'New' },
    MOVED: { 'zh-CN': '调整', en: 'Moved' },
    UNCHANGED: { 'zh-CN': '不变', en: 'Unchanged' },
    LEFT_OUT: { 'zh-CN': '未覆盖', en: 'Left out' },
  }),
  BalancePriority: labels<BalancePriority>({
    TRAVEL_FIRST: { 'zh-CN': '路程优先（最多多走 2%）', en: 'Travel first (at most 2 % more travel)' },
    BALANCED: { 'zh-CN': '兼顾（最多多走 10%）', en: 'Balanced (at most 10 % more travel)' },
    EVEN_LOADS: { 'zh-CN': '负荷均衡优先（不限路程）', en: 'Even loads first (whatever the travel)' },
  }),
  PlanScopeKind: labels<PlanScopeKind>({
    STATION: { 'zh-CN': '社工站', en: 'Station' },
    TOWNSHIP: { 'zh-CN': '乡镇', en: 'Township' },
    COUNTY: { 'zh-CN': '全县', en: 'County' },
  }),
  // PlanProposal.reasons: why a pairing was made (matching/model.py PAIRING_REASONS).
  PairingReason: labels<PairingReason>({
    CONTINUITY: { 'zh-CN': '延续原社工', en: 'Continuity' },
    NEAREST_IN_REACH: { 'zh-CN': '半径内最近', en: 'Nearest in reach' },
    ONLY_IN_REACH: { 'zh-CN': '唯一可达', en: 'Only one in reach' },
    NEARER_ONES_FULL: { 'zh-CN': '更近的已满', en: 'Nearer ones full' },
    BALANCE: { 'zh-CN': '均衡工作量', en: 'Balances workloads' },
    SKILL: { 'zh-CN': '专长匹配', en: 'Has the skill' },
    LANGUAGE: { 'zh-CN': '语言相通', en: 'Shared language' },
    SEX: { 'zh-CN': '性别符合', en: 'Sex as asked' },
    LANGUAGE_MISMATCH: { 'zh-CN': '语言不通', en: 'No shared language' },
    SEX_MISMATCH: { 'zh-CN': '性别不符', en: 'Sex not as asked' },
  }),
  // The same codes, as a sentence for the explanation panel.
  PairingReasonLong: labels<PairingReason>({
    CONTINUITY: { 'zh-CN': '保留现在的责任社工，延续帮扶关系。', en: 'Keeps its current worker, so the relationship continues.' },
    NEAREST_IN_REACH: { 'zh-CN': '在能接手此户的社工中距离最近。', en: 'The nearest of the workers who could take it.' },
    ONLY_IN_REACH: { 'zh-CN': '只有这一名社工的服务半径能到达此户。', en: 'The only worker whose reach covers it.' },
    NEARER_ONES_FULL: { 'zh-CN': '更近的社工已被优先级更高或更近的家庭占满。', en: 'Nearer workers are full with higher-priority or nearer households.' },
    BALANCE: { 'zh-CN': '更近的社工工作量已高于本站均衡目标，此户交给负担较轻的社工。', en: 'Nearer workers are already above the station’s workload target, so a less loaded worker takes it.' },
    SKILL: { 'zh-CN': '社工具备此户所需的专长。', en: 'The worker has the skills the household needs.' },
    LANGUAGE: { 'zh-CN': '社工会说此户使用的语言或方言。', en: 'The worker speaks the household’s language or dialect.' },
    SEX: { 'zh-CN': '社工性别符合此户的要求。', en: 'The worker is of the sex the household asked for.' },
    LANGUAGE_MISMATCH: { 'zh-CN': '可接手的社工都不会说此户的语言，需注意沟通。', en: 'No worker who could take it shares its language; mind the communication.' },
    SEX_MISMATCH: { 'zh-CN': '社工性别与此户的要求不符。', en: 'The worker is not of the sex the household asked for.' },
  }),
  // PlanProposal.leftOutReason (matching/model.py UNASSIGNED_REASONS).
  LeftOutReason: labels<LeftOutReason>({
    NO_LOCATION: { 'zh-CN': '缺少位置信息', en: 'No location on record' },
    NO_WORKERS: { 'zh-CN': '范围内没有可用社工', en: 'No worker available in scope' },
    NO_WORKER_IN_REACH: { 'zh-CN': '服务半径内没有社工', en: 'No worker within reach' },
    NO_WORKER_WITH_SKILL: { 'zh-CN': '没有具备所需专长的社工', en: 'No worker with the needed skill' },
    CONFLICT_EXCLUDES_ALL: { 'zh-CN': '利益冲突排除了全部可达社工', en: 'Conflicts of interest exclude every worker in reach' },
    ALL_IN_REACH_FULL: { 'zh-CN': '可达社工均已满额', en: 'Every worker in reach is full' },
  }),
  // PlanProposal.status once the plan is decided.
  ProposalStatus: {
    ACTIVE: { 'zh-CN': '已生效', en: 'Active' },
    NOT_SELECTED: { 'zh-CN': '未选中', en: 'Not selected' },
    REJECTED: { 'zh-CN': '已驳回', en: 'Rejected' },
    PROPOSED: { 'zh-CN': '待审批', en: 'Proposed' },
    EXPLAINS: { 'zh-CN': '说明', en: 'Explanation' },
  },
  JobStatus: {
    QUEUED: { 'zh-CN': '排队中', en: 'Queued' },
    RUNNING: { 'zh-CN': '进行中', en: 'Running' },
    SUCCEEDED: { 'zh-CN': '已完成', en: 'Done' },
    FAILED: { 'zh-CN': '失败', en: 'Failed' },
  },
  // RuleViolation.violations of reassignHousehold (matching/checks.py codes).
  RuleViolationCode: {
    OVER_CAPACITY: { 'zh-CN': '超出社工个案上限', en: 'Over the worker’s caseload limit' },
    OUT_OF_REACH: { 'zh-CN': '超出社工服务半径', en: 'Beyond the worker’s reach' },
    CONFLICT: { 'zh-CN': '存在已申报的利益冲突', en: 'A declared conflict of interest' },
    MISSING_SKILL: { 'zh-CN': '社工缺少此户所需的专长', en: 'The worker lacks a needed skill' },
    ON_LEAVE: { 'zh-CN': '社工正在休假', en: 'The worker is on leave' },
    NO_LOCATION: { 'zh-CN': '此户缺少位置信息，无法核对距离', en: 'The household has no location; distance cannot be checked' },
    ALREADY_ASSIGNED: { 'zh-CN': '该社工已是此户的责任社工', en: 'This worker already follows the household' },
  },
  // ---- Follow-through (issue 5) ----
  AlertStatus: labels<AlertStatus>({
    OPEN: { 'zh-CN': '待核实', en: 'Open' },
    RESOLVED: { 'zh-CN': '已核销', en: 'Resolved' },
  }),
  AssigneeKind: labels<AssigneeKind>({
    WORKER: { 'zh-CN': '社工', en: 'Worker' },
    STATION: { 'zh-CN': '社工站', en: 'Station' },
    COUNTY: { 'zh-CN': '县级', en: 'County' },
  }),
  IndicatorKind: labels<IndicatorKind>({
    HOSPITALISATION: { 'zh-CN': '患病住院', en: 'Hospitalisation' },
    CHRONIC_DISEASE: { 'zh-CN': '慢性病/重大疾病', en: 'Chronic or major disease' },
    NEW_DISABILITY: { 'zh-CN': '新增残疾', en: 'New disability' },
    NEW_UNEMPLOYMENT: { 'zh-CN': '新增失业', en: 'New unemployment' },
    COLLEGE_ADMISSION: { 'zh-CN': '子女考入大学', en: 'Child admitted to college' },
    MEDICAL_COST: { 'zh-CN': '医疗自付费用', en: 'Out-of-pocket medical costs' },
    SCHOOLING_COST: { 'zh-CN': '教育支出', en: 'Schooling costs' },
  }),
  MatchStatus: labels<MatchStatus>({
    PROPOSED: { 'zh-CN': '拟配对', en: 'Proposed' },
    ACTIVE: { 'zh-CN': '帮扶中', en: 'Active' },
    CLOSED: { 'zh-CN': '已结案', en: 'Closed' },
    REJECTED: { 'zh-CN': '未采纳', en: 'Rejected' },
    TRANSFERRED: { 'zh-CN': '已移交', en: 'Transferred' },
    NOT_SELECTED: { 'zh-CN': '方案未选用', en: 'Not selected' },
    RELEASED: { 'zh-CN': '方案调整后解除', en: 'Released by a plan' },
  }),
  MatchOutcome: labels<MatchOutcome>({
    STABLE: { 'zh-CN': '情况稳定', en: 'Stable' },
    EXITED: { 'zh-CN': '脱困退出', en: 'Exited' },
    REFERRED: { 'zh-CN': '转介', en: 'Referred' },
    MOVED: { 'zh-CN': '迁出', en: 'Moved away' },
    DECEASED: { 'zh-CN': '去世', en: 'Deceased' },
  }),
  RoundVisitKind: labels<RoundVisitKind>({
    ALERT_VERIFICATION: { 'zh-CN': '核实预警', en: 'Verify alert' },
    FOLLOW_UP: { 'zh-CN': '跟进回访', en: 'Follow-up' },
    CLASS_REVIEW: { 'zh-CN': '分类复核', en: 'Class review' },
    CARE_VISIT: { 'zh-CN': '关爱走访', en: 'Care visit' },
    EMERGENCY: { 'zh-CN': '紧急走访', en: 'Emergency' },
  }),
  VisitOutcome: labels<VisitOutcome>({
    STABLE: { 'zh-CN': '情况稳定', en: 'Stable' },
    CONCERN: { 'zh-CN': '需持续关注', en: 'Needs attention' },
    URGENT: { 'zh-CN': '情况紧急', en: 'Urgent' },
    NOT_MET: { 'zh-CN': '未见到人', en: 'Not met' },
  }),
  ...ACTIVITY_ENUM_LABELS,
} satisfies Record<string, Labels>;

export type EnumName = keyof typeof ENUM_LABELS;

/** The label of an enum value in a language; unknown values are shown as they are. */
export function enumLabel(name: EnumName, value: string, lang: Lang): string {
  const labels: Labels = ENUM_LABELS[name];
  const entry = labels[value] ?? labels[value.toUpperCase()];
  return entry ? entry[lang] : value;
}

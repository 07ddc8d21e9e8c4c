// What the server says in codes with parameters (job progress, notifications), in the page's
// language. Kept apart from messages.ts: the server's codes, not the UI's own labels.
// A text recorded before codes (a composed "中文 / English" line, no parameters) is shown by
// its half in the page's language.
import type { TimelineKind } from '../graphql/graphql';
import type { EnumName, MessageKey } from './messages';
import { unreachable } from './exhaustive';
import type { I18n } from './i18n';
import type { Lang } from './messages';
import { format } from './messages';
import { formatDay, pickLang } from './time';
import { isReasonCode, reasonText } from './codeText';

export interface ServerParam {
  name: string;
  value?: string | null;
}

type Texts = Record<string, Record<Lang, string>>;

/** Job messages (graph.jobs JobText codes). */
export const JOB_TEXTS: Texts = {
  QUEUED: { 'zh-CN': '排队等待中…', en: 'Waiting in the queue…' },
  QUEUE_UNAVAILABLE: { 'zh-CN': '任务队列暂不可用，请稍后再试。', en: 'The job queue is unavailable; try again shortly.' },
  TIMED_OUT: { 'zh-CN': '任务超时，未完成。', en: 'The job ran out of time and did not finish.' },
  INTERNAL_ERROR: { 'zh-CN': '内部错误，任务未完成。', en: 'An internal error stopped the job.' },
  UPLOAD_GONE: { 'zh-CN': '上传的文件已过期，请重新上传。', en: 'The uploaded file has expired; upload it again.' },
  COUNTY_GENERATING: { 'zh-CN': '生成示范县', en: 'Generating the demo county' },
  COUNTY_REGIONS: { 'zh-CN': '写入行政区划', en: 'Writing regions' },
  COUNTY_STATIONS: { 'zh-CN': '写入社工站与社工', en: 'Writing stations and workers' },
  COUNTY_HOUSEHOLDS: { 'zh-CN': '写入家庭 {done}/{total}', en: 'Writing households {done}/{total}' },
  COUNTY_NEEDS: { 'zh-CN': '写入需求', en: 'Writing needs' },
  COUNTY_CONFLICTS: { 'zh-CN': '写入利益冲突', en: 'Writing conflicts of interest' },
  COUNTY_DONE: { 'zh-CN': '完成', en: 'Done' },
  COUNTY_LOADED: { 'zh-CN': '已载入 {households} 户', en: 'Loaded {households} households' },
  COUNTY_EXISTS: { 'zh-CN': '数据库中已有 {households} 户，未载入示范县。', en: 'The graph already holds {households} households.' },
  PLAN_READING: { 'zh-CN': '读取社工与家庭', en: 'Reading workers and households' },
  PLAN_SOLVING: { 'zh-CN': '求解 {households} 户 × {workers} 名社工', en: 'Solving {households} households × {workers} workers' },
  PLAN_WRITING: { 'zh-CN': '写入方案', en: 'Writing the plan' },
  PLAN_READY: { 'zh-CN': '方案已生成：覆盖 {assigned}/{households} 户', en: 'Plan ready: {assigned} of {households} covered' },
  IMPORT_PARSING: { 'zh-CN': '解析文件', en: 'Parsing the file' },
  IMPORT_CHECKING: { 'zh-CN': '核对村与身份证号', en: 'Checking villages and ID numbers' },
  IMPORT_REFUSED: { 'zh-CN': '文件有 {errors} 处错误，未导入任何数据。', en: 'The file has {errors} errors; nothing was imported.' },
  IMPORTED: { 'zh-CN': '已导入 {households} 户 {people} 人', en: 'Imported {households} households, {people} people' },
  EVENTS_MATCHING: { 'zh-CN': '核对身份证号', en: 'Matching ID numbers' },
  EVENTS_WRITING: { 'zh-CN': '已记录 {done}/{total} 条', en: 'Recorded {done} of {total} events' },
  EVENTS_REFUSED: { 'zh-CN': '文件有 {errors} 处错误，未记录任何事件。', en: 'The file has {errors} errors; no event was recorded.' },
  EVENTS_RECORDED: {
    'zh-CN': '新记录 {recorded} 条，重复 {duplicates} 条，未知身份证号 {unknown} 个，新预警 {alerts} 条',
    en: 'Recorded {recorded}, duplicates {duplicates}, unknown ID numbers {unknown}, alerts raised {alerts}',
  },
  RESCORE_READ: { 'zh-CN': '{households} 户待评分', en: '{households} households to rescore' },
  RESCORING: { 'zh-CN': '已重新评分 {done}/{total} 户', en: 'Rescored {done} of {total} households' },
  RESCORED: {
    'zh-CN': '已评分 {households} 户，等级变化 {changed} 户，新预警 {alerts} 条',
    en: 'Rescored {households} households, {changed} changed level, {alerts} alerts raised',
  },
  ROUNDS_DAY: { 'zh-CN': '已排 {day} 的路线', en: 'Planned the rounds of {day}' },
  EXPORT_READING: { 'zh-CN': '读取数据', en: 'Reading the data' },
  EXPORT_WRITING: { 'zh-CN': '生成表格', en: 'Writing the workbook' },
  EXPORT_STORING: { 'zh-CN': '保存文件', en: 'Storing the file' },
  EXPORTED: { 'zh-CN': '已导出 {rows} 行', en: '{rows} rows exported' },
  ROUNDS_PLANNED: {
    'zh-CN': '已排路线 {rounds} 条，共 {stops} 站，未排入 {dropped} 户',
    en: '{rounds} rounds, {stops} stops, {dropped} visits left out',
  },
};

/** Notifications by kind (and, for REPORT_RESOLVED, by what was reported). */
export const NOTICE_TEXTS: Texts = {
  VISIT_REMINDER: { 'zh-CN': '请尽快入户走访您负责的家庭。', en: 'Please visit the household you follow soon.' },
  REPORT_RESOLVED_ALERT: { 'zh-CN': '您报告的情况（{level}预警）已经入户核实。', en: 'The situation you reported ({level} warning) was verified by a home visit.' },
  REPORT_RESOLVED_NEED: { 'zh-CN': '您报告的需求（{needKind}）{status}。', en: 'The need you reported ({needKind}): {status}.' },
  ALERT_RAISED: { 'zh-CN': '新的{level}预警，请在 {dueAt} 前入户核实。', en: 'New {level} warning: visit to verify by {dueAt}.' },
  ALERT_REMINDER: { 'zh-CN': '{level}预警入户核实已超期，请尽快完成。', en: 'The {level} warning visit is overdue.' },
  FOLLOW_UP_OVERDUE: { 'zh-CN': '回访（应于 {dueOn} 前）已超期，请尽快完成。', en: 'The follow-up visit due {dueOn} is overdue.' },
  ALERT_ESCALATED: { 'zh-CN': '催办（{step}）：{level}预警入户核实已超期。', en: 'Escalated ({step}): the {level} warning visit is overdue.' },
  FOLLOW_UP_ESCALATED: { 'zh-CN': '催办（{step}）：回访（应于 {dueOn} 前）已超期。', en: 'Escalated ({step}): the follow-up due {dueOn} is overdue.' },
  REFERRAL_OVERDUE: { 'zh-CN': '转介（应于 {dueOn} 前答复）已超期，请尽快跟进。', en: 'The referral due {dueOn} is overdue.' },
  REFERRAL_ESCALATED: { 'zh-CN': '催办（{step}）：转介（应于 {dueOn} 前答复）已超期。', en: 'Escalated ({step}): the referral due {dueOn} is overdue.' },
  INTAKE_OVERDUE: { 'zh-CN': '首问事项（应于 {dueOn} 前办结）已超期，请尽快办理。', en: 'The intake due {dueOn} is overdue.' },
  INTAKE_ESCALATED: { 'zh-CN': '催办（{step}）：首问事项（应于 {dueOn} 前办结）已超期。', en: 'Escalated ({step}): the intake due {dueOn} is overdue.' },
  INTAKE_HANDED_OVER: { 'zh-CN': '首问事项已移交给您，请于 {dueOn} 前办结。', en: 'An intake was handed over to you; it is due {dueOn}.' },
  VISIT_HANDED_OVER: { 'zh-CN': '{date} 站点路线：您负责的一户紧急走访已安排同事前往。', en: '{date}: the station’s round gives one of your urgent visits to a colleague.' },
  DECISION_OVERDUE: { 'zh-CN': '会商议定事项（应于 {dueOn} 前办理）已超期，请尽快办理。', en: 'The conference decision due {dueOn} is overdue.' },
  DECISION_ESCALATED: { 'zh-CN': '催办（{step}）：会商议定事项（应于 {dueOn} 前办理）已超期。', en: 'Escalated ({step}): the conference decision due {dueOn} is overdue.' },
  GRID_REPORT_RECEIVED: { 'zh-CN': '{village}的网格发现待确认，请于 {dueAt} 前处理。', en: 'A grid report from {village} awaits confirmation by {dueAt}.' },
  GRID_REPORT_OVERDUE: { 'zh-CN': '网格发现待确认已超期，请尽快处理。', en: 'A grid report confirmation is overdue.' },
  GRID_REPORT_ESCALATED: { 'zh-CN': '催办（{step}）：网格发现待确认已超期。', en: 'Escalated ({step}): a grid report confirmation is overdue.' },
  ADOPTION_EXPIRING: {
    'zh-CN': '您认领的{needKind}需求将于 {expiresOn} 到期，请及时拨付或释放。',
    en: 'Your claim of a {needKind} need lapses on {expiresOn}: disburse or release it.',
  },
  ADOPTION_TRANSFER_OFFERED: {
    'zh-CN': '{organisation}想把一项{needKind}认领转交给您，请在 36 小时内答复。',
    en: '{organisation} offers you a {needKind} claim; answer within 36 hours.',
  },
};

function paramMap(params: readonly ServerParam[] | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of params ?? []) if (p.value != null) out[p.name] = p.value;
  return out;
}

/** The template filled, or null when the code is unknown or a placeholder has no value. */
function fill(texts: Texts, code: string, lang: Lang, values: Record<string, string>): string | null {
  const entry = texts[code];
  if (!entry) return null;
  const template = entry[lang];
  const names = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  if (names.some((n) => !(n in values))) return null;
  return format(template, values);
}

/** A job's message in the page's language. */
export function jobText(i18n: I18n, message: string | null | undefined, params?: readonly ServerParam[] | null): string {
  if (!message) return '';
  return fill(JOB_TEXTS, message, i18n.lang, paramMap(params)) ?? pickLang(message, i18n.lang);
}

/** Parameter values as the page shows them: enum codes as labels, instants in local time. */
function shownValues(i18n: I18n, values: Record<string, string>): Record<string, string> {
  const out = { ...values };
  if (values.level) {
    const level = i18n.label('WarningLevel', values.level);
    out.level = i18n.lang === 'en' ? level.toLowerCase() : level;
  }
  if (values.needKind) out.needKind = i18n.label('NeedKind', values.needKind);
  if (values.status) out.status = i18n.label('NeedStatus', values.status);
  if (values.step) out.step = i18n.label('EscalationStep', values.step);
  if (values.dueAt) out.dueAt = i18n.dateTime(values.dueAt);
  return out;
}

export interface NoticeLike {
  kind: string;
  message: string;
  subjectType: string;
  params?: readonly ServerParam[] | null;
}

/** A notification in the page's language; an old one (text only) by its own text. */
export function noticeText(i18n: I18n, n: NoticeLike): string {
  const code = n.kind === 'REPORT_RESOLVED' ? `REPORT_RESOLVED_${n.subjectType.toUpperCase()}` : n.kind;
  const values = paramMap(n.params);
  const filled = Object.keys(values).length > 0 || code === 'VISIT_REMINDER'
    ? fill(NOTICE_TEXTS, code, i18n.lang, shownValues(i18n, values))
    : null;
  return filled ?? pickLang(n.message, i18n.lang);
}

/** Timeline titles and details by kind ({…} filled from the entry's params). */
export const TIMELINE_TEXTS: Texts = {
  EVENT: { 'zh-CN': '预警事件：{indicator}', en: 'Indicator event: {indicator}' },
  EVENT_AMOUNT: { 'zh-CN': '{amount} 元', en: '{amount} yuan' },
  ALERT_RAISED: { 'zh-CN': '{level}预警', en: '{level} warning' },
  ALERT_DUE: { 'zh-CN': '须于 {dueAt} 前入户核实', en: 'Verify by {dueAt}' },
  ALERT_RESOLVED: { 'zh-CN': '{level}预警已核销', en: '{level} warning resolved' },
  ALERT_RESOLVED_BY_VISIT: { 'zh-CN': '经核实走访核销', en: 'Resolved by a verifying visit' },
  ESCALATION_ALERT: { 'zh-CN': '预警逾期催办：{step}', en: 'Alert overdue: {step}' },
  ESCALATION_FOLLOW_UP: { 'zh-CN': '跟进逾期催办：{step}', en: 'Follow-up overdue: {step}' },
  MATCH_PROPOSED: { 'zh-CN': '方案拟配对：{worker}', en: 'Proposed: {worker}' },
  MATCH_ACTIVATED: { 'zh-CN': '{worker}开始负责', en: '{worker} took on the household' },
  MATCH_ACTIVATED_AT: { 'zh-CN': '{worker}（{station}）开始负责', en: '{worker} ({station}) took on the household' },
  MATCH_REJECTED: { 'zh-CN': '拟配对未采纳：{worker}', en: 'Proposal rejected: {worker}' },
  MATCH_TRANSFERRED: { 'zh-CN': '{worker}移交', en: '{worker} handed over' },
  MATCH_CLOSED: { 'zh-CN': '结案：{outcome}', en: 'Closed: {outcome}' },
  TRANSITION_ENDS: { 'zh-CN': '渐退期结束', en: 'Transition period ends' },
  VISIT: { 'zh-CN': '入户走访：{outcome}', en: 'Home visit: {outcome}' },
  VISIT_VERIFYING: { 'zh-CN': '核实走访：{outcome}', en: 'Verifying visit: {outcome}' },
  VISIT_MET: { 'zh-CN': '见到：{met}', en: 'Met: {met}' },
  FOLLOW_UP_DUE: { 'zh-CN': '下次跟进', en: 'Follow-up due' },
  FOLLOW_UP_OVERDUE: { 'zh-CN': '下次跟进（已逾期）', en: 'Follow-up due (overdue)' },
  NEED_REPORTED: { 'zh-CN': '发现需求：{needKind}', en: 'Need found: {needKind}' },
  NEED_COST: { 'zh-CN': '约 {estimatedCost} 元', en: 'about {estimatedCost} yuan' },
  NEED_STATUS_CHANGED: { 'zh-CN': '需求{status}：{needKind}', en: 'Need {status}: {needKind}' },
  CARE_TASK_DONE: { 'zh-CN': '志愿服务：{taskKind}', en: 'Volunteer task: {taskKind}' },
  CARE_TASK_MINUTES: { 'zh-CN': '{minutes} 分钟', en: '{minutes} minutes' },
  JOB_OUTCOME: { 'zh-CN': '{postingKind}：{postingTitle}，{status}', en: '{postingKind} “{postingTitle}”: {status}' },
  INTAKE: { 'zh-CN': '首问受理（{channel}）', en: 'Request received ({channel})' },
  INTAKE_REGISTERED: { 'zh-CN': '首问受理（{channel}），登记为新的帮扶家庭', en: 'Request received ({channel}); registered as a new household' },
  REFERRAL_SENT: { 'zh-CN': '转介：{to}', en: 'Referral: {to}' },
  REFERRAL_ANSWERED: { 'zh-CN': '转介答复：{to}（{status}）', en: 'Referral answered: {to} ({status})' },
  SOME_WORKER: { 'zh-CN': '一名社工', en: 'a worker' },
  ESCALATION_DECISION: { 'zh-CN': '会商事项逾期催办：{step}', en: 'Conference decision overdue: {step}' },
  CONFERENCE_CONVENED: { 'zh-CN': '召集个案会商（{heldOn}，{participants} 人参加）', en: 'Conference convened ({heldOn}, {participants} participants)' },
  CONFERENCE_HELD: { 'zh-CN': '召开个案会商，议定 {decisions} 项', en: 'Case conference held: {decisions} decisions' },
  DECISION_DUE: { 'zh-CN': '会商事项到期（负责人：{owner}）', en: 'Conference decision due (owner: {owner})' },
  DECISION_OVERDUE: { 'zh-CN': '会商事项已逾期（负责人：{owner}）', en: 'Conference decision overdue (owner: {owner})' },
  DECISION_DONE: { 'zh-CN': '会商事项已办（负责人：{owner}）', en: 'Conference decision done (owner: {owner})' },
};

export interface TimelineLike {
  kind: TimelineKind;
  /** Only from an older server, which composed "中文 / English" titles; read by its half. */
  title?: string | null;
  /** What a person wrote (a note, a reason, findings). */
  detail?: string | null;
  params?: readonly ServerParam[] | null;
}

/** A label from the page's own messages (jobs.pstatus.X, intake.channel.X…); the value itself
 * when the page has none (a code it does not know yet). */
function messageLabel(i18n: I18n, key: string, value: string | undefined): string {
  if (!value) return '';
  const text = i18n.t(key as MessageKey);
  return text === key ? value : text;
}

/** A timeline entry's title and detail in the page's language, from its kind and params;
 * an entry from an older server (a composed title, no params) by its half of that text. */
export function timelineText(i18n: I18n, item: TimelineLike): { title: string; detail: string | null } {
  // A reason the server wrote as a code (a plan decision, a claim): its name instead.
  const named = isReasonCode(item.detail) ? reasonText(i18n, item.detail ?? '') : null;
  if (named && named !== item.detail) return timelineText(i18n, { ...item, detail: named });
  const p = paramMap(item.params);
  const { lang, label, number } = i18n;
  const enumText = (name: EnumName, value: string | undefined) => (value ? label(name, value) : '');
  // What a person wrote; a line stored before codes ("见到 / met: …") by its half.
  const written = item.detail ? pickLang(item.detail, lang, true) : null;
  if (item.title && (!item.params || item.params.length === 0)) return { title: pickLang(item.title, lang), detail: written };
  const say = (code: string, values: Record<string, string> = {}) => fill(TIMELINE_TEXTS, code, lang, values);
  const lower = (s: string) => (lang === 'en' ? s.toLowerCase() : s);
  const joined = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join(lang === 'en' ? '; ' : '；') || null;
  const worker = p.worker || (say('SOME_WORKER') ?? '');
  let title: string | null = null;
  let detail: string | null = written;
  switch (item.kind) {
    case 'EVENT':
      title = say('EVENT', { indicator: label('IndicatorKind', p.indicator) });
      detail = p.amount ? say('EVENT_AMOUNT', { amount: number(Number(p.amount)) }) : null;
      break;
    case 'ALERT_RAISED':
      title = say('ALERT_RAISED', { level: label('WarningLevel', p.level) });
      detail = p.dueAt ? say('ALERT_DUE', { dueAt: i18n.dateTime(p.dueAt) }) : null;
      break;
    case 'ALERT_RESOLVED':
      title = say('ALERT_RESOLVED', { level: label('WarningLevel', p.level) });
      detail = p.visitId ? say('ALERT_RESOLVED_BY_VISIT') : null;
      break;
    case 'ESCALATION':
      title = say(p.subjectType === 'ALERT' ? 'ESCALATION_ALERT' : p.subjectType === 'CONFERENCE_DECISION' ? 'ESCALATION_DECISION' : 'ESCALATION_FOLLOW_UP', {
        step: label('EscalationStep', p.step),
      });
      break;
    case 'MATCH_PROPOSED':
    case 'MATCH_REJECTED':
    case 'MATCH_TRANSFERRED':
      title = say(item.kind, { worker });
      break;
    case 'MATCH_ACTIVATED':
      title = p.worker ? say(p.station ? 'MATCH_ACTIVATED_AT' : 'MATCH_ACTIVATED', p) : null;
      break;
    case 'MATCH_CLOSED':
      title = say('MATCH_CLOSED', { outcome: lower(label('MatchOutcome', p.outcome)) });
      break;
    case 'TRANSITION_ENDS':
      title = say('TRANSITION_ENDS');
      break;
    case 'VISIT':
      title = say(p.verifying === 'True' || p.verifying === 'true' ? 'VISIT_VERIFYING' : 'VISIT', {
        outcome: lower(label('VisitOutcome', p.outcome)),
      });
      detail = joined(p.place, p.met ? say('VISIT_MET', { met: p.met }) : null, p.findings);
      break;
    case 'FOLLOW_UP_DUE':
      title = say(p.overdue === 'True' || p.overdue === 'true' ? 'FOLLOW_UP_OVERDUE' : 'FOLLOW_UP_DUE');
      break;
    case 'NEED_REPORTED':
      title = say('NEED_REPORTED', { needKind: label('NeedKind', p.needKind) });
      {
        const cost = p.estimatedCost ? say('NEED_COST', { estimatedCost: number(Number(p.estimatedCost)) }) : null;
        const inBrackets = cost ? (lang === 'en' ? ` (${cost})` : `（${cost}）`) : '';
        detail = `${p.description ?? ''}${inBrackets}` || null;
      }
      break;
    case 'NEED_STATUS_CHANGED':
      title = say('NEED_STATUS_CHANGED', { status: label('NeedStatus', p.status), needKind: label('NeedKind', p.needKind) });
      break;
    case 'CONFERENCE_CONVENED':
      title = say('CONFERENCE_CONVENED', { heldOn: formatDay(p.heldOn, lang), participants: p.participants ?? '' });
      break;
    case 'CONFERENCE_HELD':
      title = say('CONFERENCE_HELD', { decisions: p.decisions ?? '' });
      break;
    case 'DECISION_DUE':
      title = say(p.overdue === 'True' || p.overdue === 'true' ? 'DECISION_OVERDUE' : 'DECISION_DUE', { owner: p.owner ?? '' });
      break;
    case 'DECISION_DONE':
      title = say('DECISION_DONE', { owner: p.owner ?? '' });
      break;
    case 'CARE_TASK_DONE':
      title = say('CARE_TASK_DONE', { taskKind: enumText('CareTaskKind', p.taskKind) });
      detail = joined(p.minutes ? say('CARE_TASK_MINUTES', { minutes: number(Number(p.minutes)) }) : null, written);
      break;
    case 'JOB_OUTCOME':
      title = say('JOB_OUTCOME', {
        postingKind: messageLabel(i18n, `jobs.kind.${p.postingKind}`, p.postingKind),
        postingTitle: p.postingTitle ?? '',
        status: lower(messageLabel(i18n, `jobs.pstatus.${p.status}`, p.status)),
      });
      detail = p.enterprise ?? null;
      break;
    case 'INTAKE': {
      const channel = messageLabel(i18n, `intake.channel.${p.channel}`, p.channel);
      title = say(p.registered === 'True' || p.registered === 'true' ? 'INTAKE_REGISTERED' : 'INTAKE', { channel });
      break;
    }
    case 'REFERRAL_SENT':
    case 'REFERRAL_ANSWERED': {
      const to =
        p.target ||
        (p.department
          ? enumText('Department', p.department)
          : enumText('ReferralTarget', p.targetKind));
      title = say(item.kind, { to, status: messageLabel(i18n, `referral.status.${p.status}`, p.status) });
      break;
    }
    default:
      return unreachable(item.kind);
  }
  // No title of its own (e.g. a match without a worker's name): the kind's label says it.
  return { title: title ?? label('TimelineKind', item.kind), detail };
}

/** A caseload plan's explanations: why a household is left out, what would change it, and
 * what the next-best note adds (its detail texts are for developers and carry worker ids). */
export const PLAN_TEXTS: Texts = {
  NEAREST: { 'zh-CN': '最近的社工：{name}（{km}）', en: 'Nearest worker: {name} ({km})' },
  CHANGE_NO_LOCATION: { 'zh-CN': '补录该户的位置（经纬度）。', en: 'Record the household’s location.' },
  CHANGE_NO_WORKERS: { 'zh-CN': '为范围内增加社工、结束休假或提高上限。', en: 'Add a worker, end a leave or raise a limit.' },
  CHANGE_NO_WORKER_IN_REACH: { 'zh-CN': '扩大 {name} 的服务半径（换交通方式），或安排住得更近的社工。', en: 'A longer reach for {name} (another travel mode), or a worker living nearer.' },
  CHANGE_NO_WORKER_WITH_SKILL: { 'zh-CN': '为可达社工（如 {name}）补充所需专长。', en: 'A worker in reach trained in the needed skill, e.g. {name}.' },
  CHANGE_CONFLICT_EXCLUDES_ALL: { 'zh-CN': '安排一名具备专长且无利益冲突的可达社工。', en: 'A worker in reach with the skills and no conflict.' },
  CHANGE_ALL_IN_REACH_FULL: { 'zh-CN': '提高 {name} 的上限，或减轻其负担。', en: 'A higher limit for {name}, or a lighter caseload.' },
  NOTE_FULL: { 'zh-CN': '但已满额（还差 {units} 个负荷单位）', en: 'but full ({units} more caseload units needed)' },
  NOTE_CONTINUITY: { 'zh-CN': '会中断现有帮扶关系', en: 'ends the current pairing' },
  NOTE_WORSE_FIT: { 'zh-CN': '语言或性别匹配较差', en: 'worse fit (language or sex)' },
};

/** What a left-out household's explanation says, with the nearest worker's name. */
export function leftOutText(
  i18n: I18n,
  reason: string | null | undefined,
  nearest: { name: string; km: string } | null,
): { nearest: string | null; change: string | null } {
  const values: Record<string, string> = nearest ? { name: nearest.name, km: nearest.km } : {};
  return {
    nearest: nearest ? fill(PLAN_TEXTS, 'NEAREST', i18n.lang, values) : null,
    change: reason ? fill(PLAN_TEXTS, `CHANGE_${reason}`, i18n.lang, values) : null,
  };
}

/** The parts of a next-best note the page can say (the note's own text names worker ids). */
export function nextBestNoteParts(i18n: I18n, note: string | null | undefined): string[] {
  if (!note) return [];
  const parts: (string | null)[] = [];
  const full = /but full \((\d+) more/.exec(note);
  if (full) parts.push(fill(PLAN_TEXTS, 'NOTE_FULL', i18n.lang, { units: full[1] }));
  if (note.includes('ends continuity')) parts.push(fill(PLAN_TEXTS, 'NOTE_CONTINUITY', i18n.lang, {}));
  if (note.includes('worse fit')) parts.push(fill(PLAN_TEXTS, 'NOTE_WORSE_FIT', i18n.lang, {}));
  return parts.filter((p): p is string => p !== null);
}

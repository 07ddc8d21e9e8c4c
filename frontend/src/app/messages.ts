// The dictionary of the UI: Simplified Chinese first, English second. The app's own words are
// here; each feature's are in features/<feature>/messages.ts, spread in below; the labels of
// the schema's enums are in enumLabels.ts.
import { ENUM_LABELS, enumLabel, type EnumName } from './enumLabels';
import { zh as dashboardZh, en as dashboardEn } from '../features/dashboard/messages';
import { zh as networkZh, en as networkEn } from '../features/network/messages';
import { zh as marketZh, en as marketEn } from '../features/market/messages';
import * as volunteering from '../features/volunteering/messages';
import * as jobs from '../features/jobs/messages';
import { zh as caseworkZh, en as caseworkEn } from '../features/casework/messages';
import { zh as conferenceZh, en as conferenceEn } from '../features/conference/messages';
import { householdFormEn, householdFormZh } from '../features/households/formMessages';
import { pagesZh as householdsPagesZh, pagesEn as householdsPagesEn } from '../features/households/messages';
import { zh as workersPagesZh, en as workersPagesEn } from '../features/workers/messages';
import { zh as stationsPagesZh, en as stationsPagesEn } from '../features/stations/messages';
import { zh as caseloadPagesZh, en as caseloadPagesEn } from '../features/caseload/messages';
import { zh as alertsPagesZh, en as alertsPagesEn } from '../features/alerts/messages';
import { zh as mydayPagesZh, en as mydayPagesEn } from '../features/myday/messages';
import { zh as visitsPagesZh, en as visitsPagesEn } from '../features/visits/messages';
import { zh as notificationsPagesZh, en as notificationsPagesEn } from '../features/notifications/messages';
import { zh as auditPagesZh, en as auditPagesEn } from '../features/audit/messages';
import * as rounds from '../features/rounds/messages';
import * as oversight from '../features/oversight/messages';

// Every key in `zh` must exist in `en` (the type below enforces it).

export const LANGS = ['zh-CN', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'zh-CN';

const zh = {
  ...householdFormZh,
  'app.name': '帮扶',
  'app.tagline': '社会力量帮扶协同平台',
  'lang.switch': 'EN',
  'lang.switchTitle': 'Switch to English',

  'nav.households': '帮扶对象',
  'nav.workers': '社工',
  'nav.stations': '社工站',

  'auth.login': '登录',
  'auth.loggingIn': '正在登录…',
  'auth.logout': '退出登录',
  'auth.username': '用户名',
  'auth.password': '密码',
  'auth.title': '登录帮扶平台',
  'auth.subtitle': '面向民政工作人员与社工',
  'auth.demoHint': '演示账号（密码 {password}）：',
  'auth.expired': '登录已过期，请重新登录。',
  'auth.failed': '登录失败，请稍后再试。',
  'auth.required': '请输入用户名和密码。',
  'auth.invalid': '用户名或密码不正确。',
  'auth.throttled': '登录失败次数过多，请 {seconds} 秒后再试。',

  'common.loading': '加载中…',
  'common.none': '—',
  'common.chooseDate': '年/月/日',
  'common.all': '全部',
  'common.yes': '是',
  'common.no': '否',
  'common.search': '搜索',
  'common.reset': '清除筛选',
  'common.total': '共 {count} 条',
  'common.page': '第 {page} 页',
  'common.prev': '上一页',
  'common.next': '下一页',
  'common.view': '查看',
  'common.back': '返回',
  'common.empty': '没有符合条件的记录。',
  'common.persons': '{count} 人',
  'common.yuan': '¥{amount}',
  'common.perMonth': '{amount} 元/人·月',
  'common.km': '{km} 公里',

  'error.forbidden': '您的角色无权查看此内容。',
  'error.network': '无法连接服务器，请检查网络后重试。',
  'error.queueDown': '任务队列暂时不可用，未开始任何任务，请稍后重试。',
  'error.generic': '出错了，请稍后再试。',
  'error.notFound': '未找到该记录，或您无权查看。',
  'refusal.conflict': '与记录的当前状态不符，请刷新页面后再试。',
  'refusal.invalid': '有填写不被接受，请检查后再试。',
  'refusal.stale': '记录已被他人更改，请刷新页面后再试。',
  'refusal.other': '未能完成，请稍后再试。',
  'code.REQUIRED': '请填写必填项',
  'code.OUT_OF_RANGE': '数值超出允许范围',
  'code.TOO_LONG': '最多 {maxLength} 个字',
  'code.TOO_MANY': '超出数量上限',
  'code.UNKNOWN_VALUE': '不是可选的值',
  'code.DUPLICATE': '已有相同的记录',
  'code.IN_FUTURE': '日期不能晚于今天',
  'code.NOTHING_TO_APPROVE': '本站在该方案中没有待批准的配对',
  'code.MATCH_NOT_ACTIVE': '只有进行中的帮扶可以记录走访',
  'code.TRANSITION_NOT_ALLOWED': '当前状态下不能这样变更',

  'nav.caseload': '个案负荷',

  'job.queued': '排队等待中…',
  'job.running': '计算中…',
  'job.percent': '{percent}%',
  'job.failed': '任务失败：{error}',
  'job.lost': '找不到该任务。',

  'nav.myDay': '我的今日',
  'nav.alerts': '预警',
  'nav.oversight': '跟进督导',
  'nav.audit': '审计日志',
  'nav.menu': '主菜单',

  'common.close': '关闭',
  'common.more': '加载更多',
  'common.hide': '收起',
  'common.showAll': '显示全部 {count} 条',
  'common.refresh': '刷新',

  'due.overdueBy': '逾期 {time}',
  'due.left': '剩 {time}',
  'due.days': '{count} 天',
  'due.hours': '{count} 小时',
  'due.daysHours': '{days} 天 {hours} 小时',
  'due.minutes': '{count} 分钟',
  'due.today': '今天',
  'due.tomorrow': '明天',
  'due.inDays': '{count} 天后',
  'due.daysOverdue': '逾期 {count} 天',
  'due.overdue': '已逾期',
  'due.by': '期限 {time}',

  'nav.myRound': '我的路线',
  'nav.stationRounds': '站点路线',
  ...householdsPagesZh,
  ...workersPagesZh,
  ...stationsPagesZh,
  ...caseloadPagesZh,
  ...alertsPagesZh,
  ...rounds.pagesZh,
  ...mydayPagesZh,
  ...visitsPagesZh,
  ...oversight.pagesZh,
  ...notificationsPagesZh,
  ...auditPagesZh,
  ...dashboardZh,
  ...networkZh,
  ...marketZh,
  ...volunteering.zh,
  ...jobs.zh,
  ...caseworkZh,
  ...conferenceZh,
  ...rounds.zh,
  ...oversight.zh,
} as const;

export type MessageKey = keyof typeof zh;
type Dictionary = Record<MessageKey, string>;

const en: Dictionary = {
  ...householdFormEn,
  'app.name': 'Bangfu',
  'app.tagline': 'Coordinating social forces for households in hardship',
  'lang.switch': '中文',
  'lang.switchTitle': '切换到中文',

  'nav.households': 'Households',
  'nav.workers': 'Social workers',
  'nav.stations': 'Stations',

  'auth.login': 'Sign in',
  'auth.loggingIn': 'Signing in…',
  'auth.logout': 'Sign out',
  'auth.username': 'Username',
  'auth.password': 'Password',
  'auth.title': 'Sign in to Bangfu',
  'auth.subtitle': 'For civil-affairs staff and social workers',
  'auth.demoHint': 'Demo accounts (password {password}):',
  'auth.expired': 'Your session has expired. Please sign in again.',
  'auth.failed': 'Sign-in failed. Please try again later.',
  'auth.required': 'Enter your username and password.',
  'auth.invalid': 'Wrong username or password.',
  'auth.throttled': 'Too many failed sign-ins. Try again in {seconds} seconds.',

  'common.loading': 'Loading…',
  'common.none': '—',
  'common.chooseDate': 'Choose a date',
  'common.all': 'All',
  'common.yes': 'Yes',
  'common.no': 'No',
  'common.search': 'Search',
  'common.reset': 'Clear filters',
  'common.total': '{count} in total',
  'common.page': 'Page {page}',
  'common.prev': 'Previous',
  'common.next': 'Next',
  'common.view': 'View',
  'common.back': 'Back',
  'common.empty': 'No matching records.',
  'common.persons': '{count}',
  'common.yuan': '¥{amount}',
  'common.perMonth': '¥{amount} per person per month',
  'common.km': '{km} km',

  'error.forbidden': 'Your role may not see this.',
  'error.network': 'Cannot reach the server. Check the connection and retry.',
  'error.queueDown': 'The job queue is unavailable; nothing was started. Try again shortly.',
  'error.generic': 'Something went wrong; please try again.',
  'error.notFound': 'Not found, or you may not see it.',
  'refusal.conflict': 'This no longer fits the record as it is now; reload the page and try again.',
  'refusal.invalid': 'Some of the input was not accepted; check it and try again.',
  'refusal.stale': 'Someone else changed this record; reload the page and try again.',
  'refusal.other': 'Not done; please try again later.',
  'code.REQUIRED': 'Something required is missing',
  'code.OUT_OF_RANGE': 'A value is out of the allowed range',
  'code.TOO_LONG': 'At most {maxLength} characters',
  'code.TOO_MANY': 'Too many',
  'code.UNKNOWN_VALUE': 'Not one of the choices',
  'code.DUPLICATE': 'The same record already exists',
  'code.IN_FUTURE': 'The date cannot be after today',
  'code.NOTHING_TO_APPROVE': 'Your station has no pairing to approve in this plan',
  'code.MATCH_NOT_ACTIVE': 'Only an active match takes visits',
  'code.TRANSITION_NOT_ALLOWED': 'Not a change the record allows in its current state',

  'nav.caseload': 'Caseload',

  'job.queued': 'Waiting in the queue…',
  'job.running': 'Working…',
  'job.percent': '{percent}%',
  'job.failed': 'The job failed: {error}',
  'job.lost': 'The job cannot be found.',

  'nav.myDay': 'My day',
  'nav.alerts': 'Alerts',
  'nav.oversight': 'Oversight',
  'nav.audit': 'Audit log',
  'nav.menu': 'Main menu',

  'common.close': 'Close',
  'common.more': 'Load more',
  'common.hide': 'Show fewer',
  'common.showAll': 'Show all {count}',
  'common.refresh': 'Refresh',

  'due.overdueBy': '{time} overdue',
  'due.left': '{time} left',
  'due.days': '{count} d',
  'due.hours': '{count} h',
  'due.daysHours': '{days} d {hours} h',
  'due.minutes': '{count} min',
  'due.today': 'today',
  'due.tomorrow': 'tomorrow',
  'due.inDays': 'in {count} days',
  'due.daysOverdue': '{count} days overdue',
  'due.overdue': 'Overdue',
  'due.by': 'due {time}',

  'nav.myRound': 'My round',
  'nav.stationRounds': 'Station rounds',
  ...householdsPagesEn,
  ...workersPagesEn,
  ...stationsPagesEn,
  ...caseloadPagesEn,
  ...alertsPagesEn,
  ...rounds.pagesEn,
  ...mydayPagesEn,
  ...visitsPagesEn,
  ...oversight.pagesEn,
  ...notificationsPagesEn,
  ...auditPagesEn,
  ...dashboardEn,
  ...networkEn,
  ...marketEn,
  ...volunteering.en,
  ...jobs.en,
  ...caseworkEn,
  ...conferenceEn,
  ...rounds.en,
  ...oversight.en,
};

export const MESSAGES: Record<Lang, Dictionary> = { 'zh-CN': zh, en };

export { ENUM_LABELS, enumLabel, type EnumName };

/** Replace `{name}` placeholders. */
export function format(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in params ? String(params[key]) : whole,
  );
}

export function translate(
  lang: Lang,
  key: MessageKey,
  params?: Record<string, string | number>,
): string {
  return format(MESSAGES[lang][key] ?? MESSAGES[DEFAULT_LANG][key] ?? key, params);
}

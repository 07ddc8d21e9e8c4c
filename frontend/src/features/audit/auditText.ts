import type { I18n } from '../../app/i18n';
import { codeLabel, reasonText } from '../../app/codeText';

/** Ids the server mints (`hh-3f…`, `sw-0005`, `user-demo-station`, `plan-2026…/hh-…`). */
const ID_VALUE =
  /^(?:sw|hh|p|user|st|org|ch|ent|vol|m|al|match|plan|visit|vis|need|nd|coi|ev|esc|job|jp|jx|rg|gr|ct|ref|intake|assist|adoption|consent|evidence|round|export|audit|nt|handover)-[0-9a-z]/;

/** One stored value in the page's language: codes by their labels, ids left to the raw record. */
export function auditValue(i18n: I18n, value: unknown): string {
  if (value === undefined) return '';
  if (value === null) return i18n.t('common.none');
  if (typeof value === 'boolean') return i18n.t(value ? 'common.yes' : 'common.no');
  if (typeof value === 'string') {
    if (ID_VALUE.test(value)) return i18n.t('audit.reference');
    if (/^[A-Z][A-Z0-9_]{2,}$/.test(value)) return codeLabel(i18n, value) ?? value;
    return reasonText(i18n, value);
  }
  if (Array.isArray(value)) return value.map((v) => auditValue(i18n, v)).join(i18n.lang === 'en' ? ', ' : '、');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${fieldLabel(i18n, k)}: ${auditValue(i18n, v)}`)
      .join(i18n.lang === 'en' ? '; ' : '；');
  }
  return String(value);
}

/** The names of the fields the log holds most often; others are shown as stored. */
const FIELD_LABELS: Record<string, { 'zh-CN': string; en: string }> = {
  status: { 'zh-CN': '状态', en: 'Status' },
  version: { 'zh-CN': '版本', en: 'Version' },
  reason: { 'zh-CN': '理由', en: 'Reason' },
  kind: { 'zh-CN': '类别', en: 'Kind' },
  level: { 'zh-CN': '等级', en: 'Level' },
  outcome: { 'zh-CN': '结果', en: 'Outcome' },
  amount: { 'zh-CN': '金额', en: 'Amount' },
  channel: { 'zh-CN': '渠道', en: 'Channel' },
  note: { 'zh-CN': '备注', en: 'Note' },
  description: { 'zh-CN': '说明', en: 'Description' },
  household_id: { 'zh-CN': '家庭', en: 'Household' },
  householdId: { 'zh-CN': '家庭', en: 'Household' },
  worker_id: { 'zh-CN': '社工', en: 'Worker' },
  workerId: { 'zh-CN': '社工', en: 'Worker' },
  station_id: { 'zh-CN': '社工站', en: 'Station' },
  organisation_id: { 'zh-CN': '组织', en: 'Organisation' },
  need_id: { 'zh-CN': '需求', en: 'Need' },
  followUpDue: { 'zh-CN': '下次跟进', en: 'Next follow-up' },
  follow_up_due: { 'zh-CN': '下次跟进', en: 'Next follow-up' },
  lastVisitAt: { 'zh-CN': '最近走访', en: 'Last visit' },
  estimatedCost: { 'zh-CN': '预计费用', en: 'Estimated cost' },
  estimated_cost: { 'zh-CN': '预计费用', en: 'Estimated cost' },
  tier: { 'zh-CN': '类别', en: 'Tier' },
  warning_level: { 'zh-CN': '预警等级', en: 'Warning level' },
  warningLevel: { 'zh-CN': '预警等级', en: 'Warning level' },
  due_at: { 'zh-CN': '期限', en: 'Due' },
  name: { 'zh-CN': '名称', en: 'Name' },
};

export function fieldLabel(i18n: I18n, key: string): string {
  return FIELD_LABELS[key]?.[i18n.lang] ?? key;
}

// Labels of the registry's vocabulary that the schema carries as plain strings (a worker's
// skills and languages; server/registry/vocabulary.py): a page shows names, never codes.
import type { Lang } from './messages';

const VOCABULARY: Record<string, Record<Lang, string>> = {
  MEDICAL: { 'zh-CN': '医疗护理', en: 'Medical care' },
  PSYCHOLOGICAL: { 'zh-CN': '心理疏导', en: 'Counselling' },
  DISABILITY_CARE: { 'zh-CN': '残疾人照护', en: 'Disability care' },
  ELDERLY_CARE: { 'zh-CN': '养老照护', en: 'Elderly care' },
  CHILD_PROTECTION: { 'zh-CN': '儿童保护', en: 'Child protection' },
  EMPLOYMENT_SERVICES: { 'zh-CN': '就业服务', en: 'Employment services' },
  LEGAL: { 'zh-CN': '法律咨询', en: 'Legal advice' },
  TUTORING: { 'zh-CN': '课业辅导', en: 'Tutoring' },
  DAILY_CARE: { 'zh-CN': '生活照料', en: 'Daily care' },
  MANDARIN: { 'zh-CN': '普通话', en: 'Mandarin' },
  JIN: { 'zh-CN': '晋语', en: 'Jin' },
  CANTONESE: { 'zh-CN': '粤语', en: 'Cantonese' },
  HAKKA: { 'zh-CN': '客家话', en: 'Hakka' },
  MIN: { 'zh-CN': '闽语', en: 'Min' },
  WU: { 'zh-CN': '吴语', en: 'Wu' },
  XIANG: { 'zh-CN': '湘语', en: 'Xiang' },
  GAN: { 'zh-CN': '赣语', en: 'Gan' },
};

/** The name of a skill or language code in a language; anything else as it comes. */
export function vocabularyLabel(code: string, lang: Lang): string {
  return VOCABULARY[code]?.[lang] ?? code;
}

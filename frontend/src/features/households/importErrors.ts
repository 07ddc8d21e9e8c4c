// Why an import file (or its upload) was refused, in the page's language: the server sends a
// code and its params (server/registry/household_csv.py RowError), never words to show.
// An import recorded before params (an English reason, no params) reads by its code alone.
import type { Lang } from '../../app/messages';
import { format } from '../../app/messages';

export type ImportParamValue = string | number | boolean | null;

export interface ImportProblem {
  code: string;
  column?: string | null;
  /** A job result's params (an object); an upload error's (GraphQL name/value pairs). */
  params?: Record<string, ImportParamValue> | readonly { name: string; value?: string | null }[] | null;
}

/** The plain text of each code, then variants that say more when their params are there. */
export const IMPORT_ERROR_TEXTS: Record<string, Record<Lang, string>> = {
  MISSING_VALUE: { 'zh-CN': '必填项为空', en: 'This cell is required' },
  INVALID_FORMAT: { 'zh-CN': '格式不正确', en: 'Not in the expected format' },
  INVALID_FORMAT_YES_NO: { 'zh-CN': '应填“是”或“否”（也可 Y/N、1/0）', en: 'Should be yes or no (是/否, Y/N or 1/0)' },
  INVALID_FORMAT_ROW: { 'zh-CN': '这一行无法读取', en: 'This row cannot be read' },
  UNKNOWN_VALUE: { 'zh-CN': '不是可选的值', en: 'Not one of the allowed values' },
  INVALID_ID_NUMBER: { 'zh-CN': '身份证号码无效', en: 'Not a valid ID number' },
  IMPOSSIBLE_DATE: { 'zh-CN': '日期不存在', en: 'The date does not exist' },
  FUTURE_DATE: { 'zh-CN': '日期晚于今天', en: 'The date is after today' },
  BIRTH_DATE_MISMATCH: { 'zh-CN': '出生日期与身份证号码不一致', en: 'The birth date does not match the ID number' },
  SEX_MISMATCH: { 'zh-CN': '性别与身份证号码不一致', en: 'The sex does not match the ID number' },
  NEGATIVE_INCOME: { 'zh-CN': '收入不能为负数', en: 'Income cannot be negative' },
  OUTSIDE_CHINA: { 'zh-CN': '坐标不在中国境内', en: 'The coordinates are outside China' },
  CLASS_WITHOUT_DIBAO: { 'zh-CN': '只有低保户有低保分类', en: 'Only dibao households have a class' },
  DIBAO_WITHOUT_CLASS: { 'zh-CN': '低保户须填写分类（A/B/C）', en: 'A dibao household needs a class (A, B or C)' },
  OUT_OF_RANGE: { 'zh-CN': '超出允许范围', en: 'Outside the allowed range' },
  INVALID_PHONE: { 'zh-CN': '电话号码格式不正确（手机号或带区号的座机）', en: 'Not a mobile number or a landline with its area code' },
  INVALID_ENCODING: { 'zh-CN': '文件既不是 UTF-8 也不是 GBK 编码的文本', en: 'The file is neither UTF-8 nor GBK text' },
  EMPTY_FILE: { 'zh-CN': '文件为空：没有表头', en: 'The file is empty: no header row' },
  EMPTY_FILE_ROWS: { 'zh-CN': '文件只有表头，没有数据行', en: 'The file has a header but no data rows' },
  TOO_LARGE: { 'zh-CN': '文件过大', en: 'The file is too large' },
  TOO_LARGE_AT: { 'zh-CN': '文件超过 {maxMiB} MiB', en: 'The file is larger than {maxMiB} MiB' },
  MISSING_COLUMN: { 'zh-CN': '缺少必填的列', en: 'A required column is missing' },
  DUPLICATE_COLUMN: { 'zh-CN': '该列出现了两次', en: 'The column appears twice' },
  DUPLICATE_COLUMN_AT: { 'zh-CN': '该列出现了两次（第 {first} 列和第 {second} 列）', en: 'The column appears twice (columns {first} and {second})' },
  EXTRA_CELLS: { 'zh-CN': '这一行的单元格比表头多', en: 'The row has more cells than the header' },
  INCONSISTENT_HOUSEHOLD: { 'zh-CN': '与同户第一行不一致', en: 'Differs from the household’s first row' },
  INCONSISTENT_HOUSEHOLD_AT: { 'zh-CN': '与户 {household} 第 {firstLine} 行不一致', en: 'Differs from line {firstLine} of household {household}' },
  NO_HEAD: { 'zh-CN': '该户没有户主', en: 'The household has no head (户主)' },
  NO_HEAD_AT: { 'zh-CN': '户 {household} 没有户主', en: 'Household {household} has no head (户主)' },
  SEVERAL_HEADS: { 'zh-CN': '该户已有户主', en: 'The household already has a head' },
  SEVERAL_HEADS_AT: { 'zh-CN': '户 {household} 已在第 {headLine} 行填写户主', en: 'Household {household} already has its head on line {headLine}' },
  DUPLICATE_ID_NUMBER: { 'zh-CN': '该身份证号已登记在另一户', en: 'This ID number is already registered in a household' },
  DUPLICATE_ID_NUMBER_AT: { 'zh-CN': '该身份证号已在第 {firstLine} 行出现', en: 'This ID number is already on line {firstLine}' },
  UNKNOWN_REGION: { 'zh-CN': '村编码不存在，或不在您的辖区', en: 'Unknown village, or outside your area' },
  ID_NUMBER_REGISTERED_ELSEWHERE: { 'zh-CN': '该身份证号已在其他地区登记，请联系县里处理', en: 'This ID number is registered in another area; ask the county office' },
  other: { 'zh-CN': '填写有误', en: 'Something is wrong here' },
  // The bad cell's value, after the reason (never for identity: the server leaves it out).
  VALUE: { 'zh-CN': '{reason}（填写的是“{value}”）', en: '{reason} (the file says “{value}”)' },
};

function paramsOf(params: ImportProblem['params']): Record<string, string> {
  const out: Record<string, string> = {};
  if (!params) return out;
  const pairs: [string, ImportParamValue | undefined][] = Array.isArray(params)
    ? (params as readonly { name: string; value?: string | null }[]).map((p) => [p.name, p.value])
    : Object.entries(params as Record<string, ImportParamValue>);
  for (const [name, value] of pairs) if (value != null && value !== '') out[name] = String(value);
  return out;
}

function filled(code: string, lang: Lang, values: Record<string, string>): string | null {
  const entry = IMPORT_ERROR_TEXTS[code];
  if (!entry) return null;
  const names = [...entry[lang].matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  return names.every((n) => n in values) ? format(entry[lang], values) : null;
}

/** One import error in the page's language: the most precise text its params allow. */
export function importErrorText(lang: Lang, problem: ImportProblem): string {
  const values = paramsOf(problem.params);
  const { code } = problem;
  const variants = [
    code === 'INVALID_FORMAT' && values.expected === 'YES_NO' ? 'INVALID_FORMAT_YES_NO' : null,
    code === 'INVALID_FORMAT' && !problem.column ? 'INVALID_FORMAT_ROW' : null,
    code === 'EMPTY_FILE' && values.hasHeader ? 'EMPTY_FILE_ROWS' : null,
    `${code}_AT`,
    code,
    'other',
  ];
  let reason = '';
  for (const v of variants) {
    const text = v && filled(v, lang, values);
    if (text) {
      reason = text;
      break;
    }
  }
  return values.value ? format(IMPORT_ERROR_TEXTS.VALUE[lang], { reason, value: values.value }) : reason;
}

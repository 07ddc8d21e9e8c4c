import { describe, expect, it } from 'vitest';
import { IMPORT_ERROR_TEXTS, importErrorText } from './importErrors';

// Every code server/registry/household_csv.py, validation.py, services/imports.py and
// graphql/uploads.py give an import error.
const SERVER_CODES = [
  'MISSING_VALUE', 'INVALID_FORMAT', 'UNKNOWN_VALUE', 'INVALID_ID_NUMBER', 'IMPOSSIBLE_DATE', 'FUTURE_DATE',
  'BIRTH_DATE_MISMATCH', 'SEX_MISMATCH', 'NEGATIVE_INCOME', 'OUTSIDE_CHINA', 'CLASS_WITHOUT_DIBAO',
  'DIBAO_WITHOUT_CLASS', 'OUT_OF_RANGE', 'INVALID_PHONE', 'INVALID_ENCODING', 'EMPTY_FILE', 'MISSING_COLUMN',
  'DUPLICATE_COLUMN', 'EXTRA_CELLS', 'INCONSISTENT_HOUSEHOLD', 'NO_HEAD', 'SEVERAL_HEADS', 'DUPLICATE_ID_NUMBER',
  'UNKNOWN_REGION', 'ID_NUMBER_REGISTERED_ELSEWHERE', 'TOO_LARGE',
];

describe('import errors', () => {
  it('has a text for every code in both languages, with the same placeholders', () => {
    for (const code of SERVER_CODES) expect(IMPORT_ERROR_TEXTS[code], code).toBeDefined();
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [code, entry] of Object.entries(IMPORT_ERROR_TEXTS)) {
      expect(entry['zh-CN'], code).toBeTruthy();
      expect(names(entry.en), code).toEqual(names(entry['zh-CN']));
    }
  });

  it('says an error from its code and params in either language', () => {
    const heads = { code: 'SEVERAL_HEADS', column: 'member_relation', params: { household: 'H4', headLine: 8 } };
    expect(importErrorText('zh-CN', heads)).toBe('户 H4 已在第 8 行填写户主');
    expect(importErrorText('en', heads)).toBe('Household H4 already has its head on line 8');
    const flag = { code: 'INVALID_FORMAT', column: 'member_can_work', params: { value: 'maybe', expected: 'YES_NO' } };
    expect(importErrorText('zh-CN', flag)).toBe('应填“是”或“否”（也可 Y/N、1/0）（填写的是“maybe”）');
    expect(importErrorText('en', flag)).toBe('Should be yes or no (是/否, Y/N or 1/0) (the file says “maybe”)');
    const columns = { code: 'DUPLICATE_COLUMN', column: 'lat', params: { first: 8, second: 24 } };
    expect(importErrorText('en', columns)).toBe('The column appears twice (columns 8 and 24)');
    expect(importErrorText('zh-CN', { code: 'EMPTY_FILE', column: '', params: { hasHeader: true } })).toBe('文件只有表头，没有数据行');
  });

  it('reads an upload error’s name/value params too', () => {
    const big = { code: 'TOO_LARGE', params: [{ name: 'maxMiB', value: '20' }] };
    expect(importErrorText('zh-CN', big)).toBe('文件超过 20 MiB');
    expect(importErrorText('en', big)).toBe('The file is larger than 20 MiB');
  });

  it('reads an import recorded before params by its code alone, and an unknown code plainly', () => {
    const old = { code: 'SEVERAL_HEADS', column: 'member_relation', reason: 'Household H4 already has its HEAD on line 8.' };
    expect(importErrorText('zh-CN', old)).toBe('该户已有户主');
    expect(importErrorText('en', old)).toBe('The household already has a head');
    expect(importErrorText('zh-CN', { code: 'SOMETHING_NEW' })).toBe('填写有误');
  });
});

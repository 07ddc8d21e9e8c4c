import { describe, expect, it } from 'vitest';
import { makeI18n } from './i18n';
import { brokenRuleText, codeWords, refusalText, type UserErrorFields } from './refusal';

const zh = makeI18n('zh-CN');
const en = makeI18n('en');

describe('the one refusal translator', () => {
  const invalid: UserErrorFields = {
    message: 'date: a past day is not re-planned',
    field: 'date',
    code: 'INVALID_INPUT',
    params: [],
    errors: [{ field: 'date', code: 'PAST_DAY', reason: 'a past day is not re-planned', params: [] }],
  };
  const words = { prefixes: ['nothing.', 'rounds.err.'], other: () => 'other' };

  it('says the first field problem by its code, through the first prefix that has it', () => {
    expect(refusalText(zh, invalid, words)).toBe('过去的日子不再重排');
    expect(refusalText(en, invalid, words)).toBe('a past day is not re-planned');
  });

  it('fills parameters, and with `complete` counts a missing one as no words', () => {
    const notFound: UserErrorFields = { message: 'x', field: null, code: 'NOT_FOUND', params: [{ name: 'entity', value: '社工' }] };
    expect(refusalText(zh, notFound, words)).toBe('未找到该社工，或不在您的范围内');
    expect(refusalText(zh, { ...notFound, params: [] }, { ...words, complete: true })).toBe('other');
    expect(codeWords(zh, ['rounds.err.'], 'NO_SUCH_CODE')).toBeNull();
    expect(codeWords(zh, ['rounds.err.'], null)).toBeNull();
  });

  it('says a broken rule by its label, with its numbers where it has them', () => {
    expect(brokenRuleText(zh, { code: 'CONFLICT', params: [] })).toBe(zh.label('RuleViolationCode', 'CONFLICT'));
  });
});

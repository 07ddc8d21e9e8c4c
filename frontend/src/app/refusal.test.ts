import { describe, expect, it } from 'vitest';
import { makeI18n } from './i18n';
import { brokenRuleText, codeWords, commonRefusalText, refusalText, type UserErrorFields } from './refusal';

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

describe('a refusal a page has no words of its own for', () => {
  const conflict = { __typename: 'Conflict', message: 'state is CLOSED / 已结案', field: 'id', code: 'SOMETHING_NEW', params: [{ name: 'status', value: 'CLOSED' }] };

  it('says the shared words for a common code, with its parameters', () => {
    const tooLong = { __typename: 'InvalidInput', message: 'x', field: 'note', code: 'INVALID_INPUT', params: [], errors: [{ field: 'note', code: 'TOO_LONG', reason: 'at most 500', params: [{ name: 'maxLength', value: '500' }] }] };
    expect(commonRefusalText(zh, tooLong)).toBe('最多 500 个字');
    expect(commonRefusalText(en, tooLong)).toBe('At most 500 characters');
  });

  it('else a sentence for its kind: never the server message, never the code', () => {
    for (const i18n of [zh, en]) {
      const text = commonRefusalText(i18n, conflict);
      expect(text).toBe(i18n.t('refusal.conflict'));
      expect(text).not.toMatch(/SOMETHING_NEW|CLOSED|state is/);
    }
    expect(commonRefusalText(zh, { ...conflict, __typename: 'NotFound' })).toBe('未找到该记录，或您无权查看。');
    expect(commonRefusalText(zh, { ...conflict, __typename: 'SomethingElse' })).toBe('未能完成，请稍后再试。');
  });

  it("prefers the feature's own words", () => {
    const pastDay = { ...conflict, code: 'PAST_DAY' };
    expect(commonRefusalText(zh, pastDay, ['rounds.err.'])).toBe('过去的日子不再重排');
  });
});

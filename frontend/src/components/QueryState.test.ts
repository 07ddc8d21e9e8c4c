import { describe, expect, it } from 'vitest';
import { CombinedError } from 'urql';
import { makeI18n } from '../app/i18n';
import { requestErrorText } from './QueryState';

const zh = makeI18n('zh-CN');
const en = makeI18n('en');

describe('a failed request in the page language', () => {
  it('says the network, the role or the session by what failed', () => {
    expect(requestErrorText(zh, new CombinedError({ networkError: new Error('Failed to fetch') }))).toBe(zh.t('error.network'));
    const forbidden = new CombinedError({ graphQLErrors: [{ message: 'role VOLUNTEER may not use x', extensions: { code: 'FORBIDDEN' } }] });
    expect(requestErrorText(zh, forbidden)).toBe('您的角色无权查看此内容。');
    const expired = new CombinedError({ graphQLErrors: [{ message: 'token expired', extensions: { code: 'UNAUTHENTICATED' } }] });
    expect(requestErrorText(en, expired)).toBe(en.t('auth.expired'));
  });

  it("never shows the server's or the transport's English message", () => {
    const odd = new CombinedError({ graphQLErrors: [{ message: 'Unexpected error: division by zero' }] });
    expect(requestErrorText(zh, odd)).toBe('出错了，请稍后再试。');
    expect(requestErrorText(zh, odd)).not.toMatch(/[A-Za-z]/);
    expect(requestErrorText(zh, undefined)).toBe('出错了，请稍后再试。');
  });
});

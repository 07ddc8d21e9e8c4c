import { fireEvent, render, screen } from '@testing-library/react';
import { useState, type ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '../app/i18n';
import type { Lang } from '../app/messages';
import { DateInput, shownDate } from './DateInput';

const inLang = (lang: Lang) =>
  function Wrapper({ children }: { children: ReactNode }) {
    return <I18nProvider initial={lang}>{children}</I18nProvider>;
  };

function Picker({ initial = '' }: { initial?: string }) {
  const [day, setDay] = useState(initial);
  return <DateInput value={day} onChange={(e) => setDay(e.target.value)} data-testid="day" />;
}

describe('DateInput', () => {
  it('writes the day in the page’s language, whatever the browser’s locale', () => {
    expect(shownDate('2026-12-03', 'zh-CN')).toBe('2026年12月3日');
    expect(shownDate('2026-12-03', 'en')).toBe('Dec 3, 2026');
    expect(shownDate('2026-12-03T09:30', 'zh-CN', true)).toMatch(/^2026年12月3日 09:30$/);
    expect(shownDate('2026-12-03T09:30', 'en', true)).toMatch(/^Dec 3, 2026, 9:30\s?AM$/);
  });

  it('keeps the native input (value, test id, lang) and follows its changes', () => {
    render(<Picker />, { wrapper: inLang('zh-CN') });
    const input = screen.getByTestId('day') as HTMLInputElement;
    expect(input.type).toBe('date');
    expect(input.lang).toBe('zh-CN');
    expect(screen.getByTestId('date-input-shown').textContent).toBe('年/月/日');
    fireEvent.change(input, { target: { value: '2026-01-15' } });
    expect(input.value).toBe('2026-01-15');
    expect(screen.getByTestId('date-input-shown').textContent).toBe('2026年1月15日');
  });

  it('speaks English on an English page', () => {
    render(<Picker initial="2026-01-15" />, { wrapper: inLang('en') });
    expect(screen.getByTestId('date-input-shown').textContent).toBe('Jan 15, 2026');
    expect((screen.getByTestId('day') as HTMLInputElement).lang).toBe('en');
  });
});

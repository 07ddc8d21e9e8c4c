import type { ReactNode } from 'react';
import { act, fireEvent, render, renderHook, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '../app/i18n';
import type { Lang } from '../app/messages';
import { WarningBadge } from './Badges';
import { LoadBar } from './LoadBar';
import { Pager, useCursorPaging } from './Pager';
import { LANG_STORAGE_KEY } from '../app/i18n';
import { LangToggle } from '../app/LangToggle';

const inLang = (lang: Lang) =>
  function Wrapper({ children }: { children: ReactNode }) {
    return <I18nProvider initial={lang}>{children}</I18nProvider>;
  };

describe('WarningBadge', () => {
  it('names the level in Chinese, with its colour class', () => {
    render(<WarningBadge level="RED" />, { wrapper: inLang('zh-CN') });
    const badge = screen.getByTestId('warning-badge');
    expect(badge.textContent).toBe('红色');
    expect(badge.className).toContain('warning-red');
  });

  it('names it in English when switched', () => {
    render(<WarningBadge level="YELLOW" />, { wrapper: inLang('en') });
    expect(screen.getByTestId('warning-badge').textContent).toBe('Yellow');
  });
});

describe('LoadBar', () => {
  it.each([
    [3, 10, 'ok', '30%'],
    [9, 10, 'high', '90%'],
    [12, 10, 'over', '100%'],
    [0, 0, 'ok', '0%'],
  ])('%i of %i is %s', (current, limit, state, width) => {
    const { container } = render(<LoadBar current={current} limit={limit} />, { wrapper: inLang('zh-CN') });
    const bar = screen.getByTestId('load-bar');
    expect(bar.dataset.state).toBe(state);
    expect(bar.textContent).toBe(`${current} / ${limit}`);
    expect((container.querySelector('.loadbar-fill') as HTMLElement).style.width).toBe(width);
  });
});

describe('cursor paging', () => {
  it('goes forward with end cursors and back through the stack', () => {
    const { result } = renderHook(({ key }) => useCursorPaging('test', key), {
      initialProps: { key: 'f1' },
    });
    expect(result.current.after).toBeNull();
    act(() => result.current.next('c20'));
    act(() => result.current.next('c40'));
    expect(result.current.after).toBe('c40');
    expect(result.current.page).toBe(3);
    act(() => result.current.previous());
    expect(result.current.after).toBe('c20');
    act(() => result.current.previous());
    expect(result.current.after).toBeNull();
    expect(result.current.hasPrevious).toBe(false);
  });

  it('starts again at the first page when the filter changes', () => {
    const { result, rerender } = renderHook(({ key }) => useCursorPaging('test', key), {
      initialProps: { key: 'f1' },
    });
    act(() => result.current.next('c20'));
    rerender({ key: 'f2' });
    expect(result.current.after).toBeNull();
    expect(result.current.page).toBe(1);
  });

  it('renders the total and disables what cannot be done', () => {
    function Harness() {
      const paging = useCursorPaging('harness', '');
      return <Pager paging={paging} totalCount={1234} hasNextPage endCursor="c20" />;
    }
    render(<Harness />, { wrapper: inLang('zh-CN') });
    expect(screen.getByTestId('total-count').textContent).toBe('共 1,234 条');
    expect((screen.getByTestId('pager-prev') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId('pager-next'));
    expect((screen.getByTestId('pager-prev') as HTMLButtonElement).disabled).toBe(false);
  });
});

describe('language switch', () => {
  it('toggles and remembers the language', () => {
    render(
      <I18nProvider>
        <LangToggle />
      </I18nProvider>,
    );
    const button = screen.getByTestId('lang-toggle');
    expect(button.textContent).toBe('EN');
    fireEvent.click(button);
    expect(button.textContent).toBe('中文');
    expect(localStorage.getItem(LANG_STORAGE_KEY)).toBe('en');
    expect(document.documentElement.lang).toBe('en');
  });
});

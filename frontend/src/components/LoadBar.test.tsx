import type { ReactNode } from 'react';
import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '../app/i18n';
import { WorkerCard } from '../features/caseload/CaseloadPage';
import { boardWorker } from '../test/caseload';
import { LoadBar, LoadPair, loadState } from './LoadBar';

function Wrapper({ children }: { children: ReactNode }) {
  return (
    <I18nProvider initial="zh-CN">
      <MemoryRouter>{children}</MemoryRouter>
    </I18nProvider>
  );
}

describe('load colour thresholds', () => {
  it.each([
    [0, 20, 'ok'],
    [16, 20, 'ok'], // 80 %: green
    [84, 100, 'ok'],
    [85, 100, 'high'], // from 85 %: amber
    [17, 20, 'high'],
    [20, 20, 'high'], // exactly at the limit: still amber
    [21, 20, 'over'], // above it: red
    [0, 0, 'ok'],
    [1, 0, 'over'], // a limit of 0 with any load
  ])('%i of %i is %s', (current, limit, state) => {
    expect(loadState(current, limit)).toBe(state);
  });

  it('colours the bar by the same thresholds', () => {
    const { rerender } = render(<LoadBar current={10} limit={20} />, { wrapper: Wrapper });
    const bar = () => screen.getByTestId('load-bar');
    expect(bar().className).toContain('loadbar-ok');
    rerender(<LoadBar current={18} limit={20} />);
    expect(bar().className).toContain('loadbar-high');
    rerender(<LoadBar current={25} limit={20} />);
    expect(bar().className).toContain('loadbar-over');
    expect(bar().textContent).toBe('25 / 20');
  });

  it('pairs before and after on one scale, with the limit marked', () => {
    const { container } = render(<LoadPair before={23} after={18} limit={20} />, { wrapper: Wrapper });
    const pair = screen.getByTestId('load-pair');
    expect(pair.dataset.before).toBe('over');
    expect(pair.dataset.after).toBe('high');
    const fills = container.querySelectorAll<HTMLElement>('.loadbar-fill');
    expect(fills[0].style.width).toBe('100%'); // 23 of a scale of 23
    expect(fills[1].style.width).toBe(`${(18 / 23) * 100}%`);
    const limit = container.querySelector<HTMLElement>('.loadpair-limit')!;
    expect(limit.style.left).toBe(`${(20 / 23) * 100}%`);
    expect(pair.textContent).toContain('调整前');
    expect(pair.textContent).toContain('调整后');
  });
});

describe('worker card on the board', () => {
  it('shows the load state and the households red first', () => {
    render(<WorkerCard worker={boardWorker('w1', { currentLoad: 22, caseloadLimit: 20 })} />, { wrapper: Wrapper });
    const card = screen.getByTestId('worker-card');
    expect(card.dataset.state).toBe('over');
    expect(card.className).toContain('worker-over');
    const dots = within(card)
      .getByTestId('worker-households')
      .querySelectorAll<HTMLElement>('.wdot');
    expect([...dots].map((d) => d.dataset.level)).toEqual(['RED', 'BLUE', 'NONE']);
    expect(dots[0].getAttribute('title')).toBe('李四 · 红色');
    // A household whose identity is hidden is named by its id.
    expect(dots[2].getAttribute('title')).toBe('w1-h3 · 无');
    expect(within(card).getByText('跟进 3 户')).toBeTruthy();
  });
});

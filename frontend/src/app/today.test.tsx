import { render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { DayDue } from '../components/Due';
import { I18nProvider } from './i18n';
import { daysUntil, localDate, shiftDay } from './time';
import { AuthProvider } from './auth';
import { makeI18n, useI18n } from './i18n';
import { TodayGate, TodayProvider, useToday } from './today';
import { WORKER_USER, fakeServer, renderApp, signedInAs } from '../test/render';
import { WORKER_ME, WORKER_WHO } from '../test/followup';

describe("the server's day", () => {
  it('counts whole days between server days, across months, years and a leap day', () => {
    expect(daysUntil('2026-12-04', '2026-12-03')).toBe(1);
    expect(daysUntil('2026-12-01', '2026-12-03')).toBe(-2);
    expect(daysUntil('2027-01-01', '2026-12-31')).toBe(1);
    expect(daysUntil('2028-03-01', '2028-02-28')).toBe(2);
    expect(daysUntil('not a day', '2026-12-03')).toBeNaN();
    expect(shiftDay('2026-12-31', 1)).toBe('2027-01-01');
    expect(shiftDay('2028-03-01', -1)).toBe('2028-02-29');
    expect(shiftDay('2026-12-03', 180)).toBe('2027-06-01');
  });

  it('labels a due day from the day it is given, not from the browser clock', () => {
    render(
      <I18nProvider initial="zh-CN">
        <TodayProvider day="2031-05-06">
          <DayDue day="2031-05-05" />
          <DayDue day="2031-05-06" />
          <DayDue day="2031-05-07" />
        </TodayProvider>
      </I18nProvider>,
    );
    expect(screen.getAllByTestId('day-due').map((b) => b.textContent)).toEqual(['逾期 1 天', '今天', '明天']);
  });

  it("opens a worker's round on the server's day, whatever day the browser thinks it is", async () => {
    signedInAs(WORKER_USER);
    const serverDay = '2031-05-06';
    expect(localDate(new Date())).not.toBe(serverDay);
    const s = fakeServer({
      Me: WORKER_ME,
      RoundsWho: WORKER_WHO,
      Today: () => ({ data: { today: serverDay } }),
    });
    renderApp('/my-round', s);
    const input = (await screen.findByTestId('round-date')) as HTMLInputElement;
    expect(input.value).toBe(serverDay);
    expect(s.calls.some((c) => c.operationName === 'Today')).toBe(true);
  });
});

describe("times in the service's zone", () => {
  it('tells an instant in the zone it is given', () => {
    const china = makeI18n('zh-CN', undefined, 'Asia/Shanghai');
    expect(china.dateTime('2026-12-03T17:28:00Z')).toMatch(/12月4日.*01:28/);
    expect(makeI18n('en', undefined, 'UTC').dateTime('2026-12-03T17:28:00Z')).toMatch(/Dec 3.*5:28/);
  });

  it("takes the zone from the server once signed in, whatever the browser's zone", async () => {
    signedInAs(WORKER_USER);
    const s = fakeServer({ Today: () => ({ data: { today: '2026-12-04', timeZone: 'Asia/Shanghai' } }) });
    function Probe() {
      return <p data-testid="probe">{useI18n().dateTime('2026-12-03T17:28:00Z')}</p>;
    }
    render(
      <I18nProvider initial="zh-CN">
        <AuthProvider fetch={s.fetch}>
          <TodayGate>
            <Probe />
          </TodayGate>
        </AuthProvider>
      </I18nProvider>,
    );
    const probe = await screen.findByTestId('probe');
    await waitFor(() => expect(probe.textContent).toMatch(/12月4日.*01:28/));
  });
});

describe('TodayGate', () => {
  it('keeps the page when a later refresh of the day fails', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      signedInAs(WORKER_USER);
      let calls = 0;
      const s = fakeServer({
        Today: () => {
          calls += 1;
          return calls === 1 ? { data: { today: '2026-12-04', timeZone: 'Asia/Shanghai' } } : { data: null, errors: [{ message: 'unreachable' }] };
        },
      });
      function Probe() {
        return <p data-testid="probe">{useToday()}</p>;
      }
      render(
        <I18nProvider initial="zh-CN">
          <AuthProvider fetch={s.fetch}>
            <TodayGate>
              <Probe />
            </TodayGate>
          </AuthProvider>
        </I18nProvider>,
      );
      expect((await screen.findByTestId('probe')).textContent).toBe('2026-12-04');
      await vi.advanceTimersByTimeAsync(5 * 60_000 + 10);
      await waitFor(() => expect(calls).toBe(2));
      expect(screen.getByTestId('probe').textContent).toBe('2026-12-04');
      expect(screen.queryByTestId('query-error')).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('one clock', () => {
  // The browser's clock gives instants only (a countdown, a visit's time, a unique key); a
  // day is always the server's (useToday). A new reader of the clock is a decision to review.
  const INSTANT_READERS = ['components/Due.tsx', 'features/caseload/PlanDecision.tsx', 'features/visits/VisitForm.tsx'];

  it('reads the browser clock only where an instant is meant', () => {
    const sources = import.meta.glob(['../**/*.ts', '../**/*.tsx', '!../**/*.test.ts', '!../**/*.test.tsx', '!../test/**', '!../graphql/**'], {
      query: '?raw',
      import: 'default',
      eager: true,
    }) as Record<string, string>;
    const readers = Object.entries(sources)
      .filter(([, text]) => /new Date\(\)|Date\.now\(\)/.test(text))
      .map(([path]) => path.replace(/^\.\.\//, ''))
      .sort();
    expect(Object.keys(sources).length).toBeGreaterThan(50);
    expect(readers).toEqual(INSTANT_READERS);
  });
});

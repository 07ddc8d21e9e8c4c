import { useCallback, useState } from 'react';
import { useI18n } from '../app/i18n';

interface PagingState {
  key: string;
  /** The `after` cursors of the pages before the current one (first page: null). */
  stack: (string | null)[];
  after: string | null;
}

function load(storageKey: string, key: string): PagingState {
  try {
    const raw = sessionStorage.getItem(storageKey);
    if (raw) {
      const saved = JSON.parse(raw) as PagingState;
      if (saved.key === key && Array.isArray(saved.stack)) return saved;
    }
  } catch {
    // ignore
  }
  return { key, stack: [], after: null };
}

function save(storageKey: string, state: PagingState) {
  try {
    sessionStorage.setItem(storageKey, JSON.stringify(state));
  } catch {
    // ignore
  }
}

export interface CursorPaging {
  after: string | null;
  page: number;
  hasPrevious: boolean;
  next: (endCursor: string | null) => void;
  previous: () => void;
}

/**
 * Relay-style forward paging with a stack of cursors for "previous". `resetKey` is the
 * filter: when it changes, paging starts again at the first page. The position is kept
 * in sessionStorage per scope, so coming back to a list returns to the same page.
 */
export function useCursorPaging(scope: string, resetKey: string): CursorPaging {
  const storageKey = `bangfu.paging.${scope}`;
  const [state, setState] = useState<PagingState>(() => load(storageKey, resetKey));

  const current: PagingState =
    state.key === resetKey ? state : { key: resetKey, stack: [], after: null };
  if (current !== state) setState(current); // the filter changed: back to the first page

  const update = useCallback(
    (fn: (s: PagingState) => PagingState) =>
      setState((s) => {
        const next = fn(s);
        save(storageKey, next);
        return next;
      }),
    [storageKey],
  );

  const next = useCallback(
    (endCursor: string | null) => {
      if (!endCursor) return;
      update((s) => ({ key: s.key, stack: [...s.stack, s.after], after: endCursor }));
    },
    [update],
  );

  const previous = useCallback(() => {
    update((s) =>
      s.stack.length === 0
        ? s
        : { key: s.key, stack: s.stack.slice(0, -1), after: s.stack[s.stack.length - 1] ?? null },
    );
  }, [update]);

  return {
    after: current.after,
    page: current.stack.length + 1,
    hasPrevious: current.stack.length > 0,
    next,
    previous,
  };
}

interface PagerProps {
  paging: CursorPaging;
  totalCount: number | undefined;
  hasNextPage: boolean;
  endCursor: string | null;
  fetching?: boolean;
}

export function Pager({ paging, totalCount, hasNextPage, endCursor, fetching }: PagerProps) {
  const { t, number } = useI18n();
  return (
    <nav className="pager" aria-label="pagination" data-testid="pager">
      <span className="pager-total" data-testid="total-count">
        {totalCount == null ? '' : t('common.total', { count: number(totalCount) })}
      </span>
      <span className="pager-page">{t('common.page', { page: paging.page })}</span>
      <button
        type="button"
        onClick={paging.previous}
        disabled={!paging.hasPrevious || fetching}
        data-testid="pager-prev"
      >
        ‹ {t('common.prev')}
      </button>
      <button
        type="button"
        onClick={() => paging.next(endCursor)}
        disabled={!hasNextPage || !endCursor || fetching}
        data-testid="pager-next"
      >
        {t('common.next')} ›
      </button>
    </nav>
  );
}

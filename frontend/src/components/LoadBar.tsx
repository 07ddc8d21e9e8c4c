import { useI18n } from '../app/i18n';

export type LoadState = 'ok' | 'high' | 'over';

/** From this share of the limit on, a load shows amber ("nearly full"). */
export const LOAD_HIGH_RATIO = 0.85;

/**
 * The colour state of a caseload: green (`ok`) below 85 % of the limit, amber (`high`) from
 * 85 % up to the limit itself, red (`over`) above it. A limit of 0 with any load is over.
 */
export function loadState(current: number, limit: number): LoadState {
  const ratio = loadRatio(current, limit);
  return ratio > 1 ? 'over' : ratio >= LOAD_HIGH_RATIO ? 'high' : 'ok';
}

export function loadRatio(current: number, limit: number): number {
  return limit > 0 ? current / limit : current > 0 ? Infinity : 0;
}

function fillWidth(current: number, limit: number): string {
  return `${Math.max(0, Math.min(1, loadRatio(current, limit))) * 100}%`;
}

/** A worker's current caseload against its limit: green, amber near the limit, red above it. */
export function LoadBar({ current, limit }: { current: number; limit: number }) {
  const { t } = useI18n();
  const state = loadState(current, limit);
  const text = t('workers.loadValue', { current, limit });
  return (
    <span className={`loadbar loadbar-${state}`} data-testid="load-bar" data-state={state}>
      <span
        className="loadbar-track"
        role="meter"
        aria-valuemin={0}
        aria-valuemax={limit}
        aria-valuenow={current}
        aria-label={text}
      >
        <span className="loadbar-fill" style={{ width: fillWidth(current, limit) }} />
      </span>
      <span className="loadbar-text">{text}</span>
    </span>
  );
}

/**
 * Before and after, as two thin bars on one scale: the scale is the larger of the limit and
 * both loads, so an overload shows how far past the limit (the tick) it goes.
 */
export function LoadPair({ before, after, limit }: { before: number; after: number; limit: number }) {
  const { t } = useI18n();
  const scale = Math.max(limit, before, after, 1);
  const pct = (v: number) => `${(Math.max(0, v) / scale) * 100}%`;
  const beforeState = loadState(before, limit);
  const afterState = loadState(after, limit);
  const rows: [string, number, LoadState, string][] = [
    [t('plan.before'), before, beforeState, 'before'],
    [t('plan.after'), after, afterState, 'after'],
  ];
  return (
    <span className="loadpair" data-testid="load-pair" data-before={beforeState} data-after={afterState}>
      {rows.map(([name, value, state, key]) => (
        <span key={key} className={`loadpair-row loadbar-${state} loadpair-${key}`}>
          <span className="loadpair-label">{name}</span>
          <span
            className="loadbar-track"
            role="meter"
            aria-valuemin={0}
            aria-valuemax={limit}
            aria-valuenow={value}
            aria-label={`${name} ${t('workers.loadValue', { current: value, limit })}`}
          >
            <span className="loadbar-fill" style={{ width: pct(value) }} />
            {limit > 0 && <span className="loadpair-limit" style={{ left: pct(limit) }} aria-hidden="true" />}
          </span>
          <span className="loadbar-text">{t('workers.loadValue', { current: value, limit })}</span>
        </span>
      ))}
    </span>
  );
}

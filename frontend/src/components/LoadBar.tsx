import { useI18n } from '../app/i18n';

/** A worker's current caseload against its limit. Turns orange near the limit, red above it. */
export function LoadBar({ current, limit }: { current: number; limit: number }) {
  const { t } = useI18n();
  const ratio = limit > 0 ? current / limit : current > 0 ? Infinity : 0;
  const state = ratio > 1 ? 'over' : ratio >= 0.85 ? 'high' : 'ok';
  const width = Math.max(0, Math.min(1, ratio)) * 100;
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
        <span className="loadbar-fill" style={{ width: `${width}%` }} />
      </span>
      <span className="loadbar-text">{text}</span>
    </span>
  );
}

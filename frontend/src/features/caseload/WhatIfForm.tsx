import { useState, type FormEvent } from 'react';
import { useI18n } from '../../app/i18n';
import type { WhatIfInput } from './PlanRequest';
import type { WorkerRef } from './types';

interface WhatIfFormProps {
  stationId: string;
  workers: WorkerRef[];
  disabled?: boolean;
  onSubmit: (whatIf: WhatIfInput) => void;
  onCancel: () => void;
}

/** The server's bounds (server/services/caseload.py). */
export const MAX_EXTRA_WORKERS = 20;
export const MIN_CAP_FACTOR = 0.1;
export const MAX_CAP_FACTOR = 3;

/** Parses a decimal typed with a dot or a Chinese/fullwidth comma or dot. */
function parseNumber(text: string): number {
  return Number(text.trim().replace(/[，,。．]/g, '.'));
}

/**
 * A scenario to solve without committing it: more workers at the station, a lower (or higher)
 * caseload cap, some workers on leave.
 */
export function WhatIfForm({ stationId, workers, disabled, onSubmit, onCancel }: WhatIfFormProps) {
  const { t } = useI18n();
  const [extra, setExtra] = useState('0');
  const [cap, setCap] = useState('1');
  const [onLeave, setOnLeave] = useState<Set<string>>(new Set());
  const [problem, setProblem] = useState<{ text: string; field: 'extra' | 'cap' } | null>(null);

  function toggle(id: string, on: boolean) {
    setOnLeave((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const count = parseNumber(extra || '0');
    if (!Number.isInteger(count) || count < 0 || count > MAX_EXTRA_WORKERS) {
      setProblem({ text: t('whatIf.invalidExtra'), field: 'extra' });
      return;
    }
    const factor = parseNumber(cap || '1');
    if (!Number.isFinite(factor) || factor < MIN_CAP_FACTOR || factor > MAX_CAP_FACTOR) {
      setProblem({ text: t('whatIf.invalidCap'), field: 'cap' });
      return;
    }
    setProblem(null);
    const whatIf: WhatIfInput = {};
    if (count > 0) whatIf.extraWorkers = [{ stationId, count }];
    if (factor !== 1) whatIf.capFactor = factor;
    if (onLeave.size > 0) whatIf.workersOnLeave = workers.filter((w) => onLeave.has(w.id)).map((w) => w.id);
    onSubmit(whatIf);
  }

  return (
    <form className="card whatif" onSubmit={submit} noValidate data-testid="whatif-form">
      <h2>{t('whatIf.title')}</h2>
      <div className="whatif-fields">
        <label className="field">
          <span className="field-label">{t('whatIf.extraWorkers')}</span>
          <input
            type="number"
            inputMode="numeric"
            min={0}
            max={MAX_EXTRA_WORKERS}
            step={1}
            value={extra}
            onChange={(e) => setExtra(e.target.value)}
            aria-invalid={problem?.field === 'extra' || undefined}
            data-testid="whatif-extra"
          />
        </label>
        <label className="field">
          <span className="field-label">{t('whatIf.capFactor')}</span>
          <input
            type="number"
            inputMode="decimal"
            min={MIN_CAP_FACTOR}
            max={MAX_CAP_FACTOR}
            step={0.05}
            value={cap}
            onChange={(e) => setCap(e.target.value)}
            aria-invalid={problem?.field === 'cap' || undefined}
            aria-describedby="whatif-cap-hint"
            data-testid="whatif-cap"
          />
          <small className="muted" id="whatif-cap-hint">
            {t('whatIf.capHint')}
          </small>
        </label>
      </div>
      {workers.length > 0 && (
        <fieldset className="whatif-leave">
          <legend className="field-label">{t('whatIf.onLeave')}</legend>
          <div className="whatif-leave-list">
            {workers.map((w) => (
              <label key={w.id} className="field-check">
                <input
                  type="checkbox"
                  checked={onLeave.has(w.id)}
                  onChange={(e) => toggle(w.id, e.target.checked)}
                  data-testid="whatif-leave"
                  value={w.id}
                />
                <span>{w.name}</span>
              </label>
            ))}
          </div>
        </fieldset>
      )}
      {problem && (
        <p className="notice notice-error" role="alert" data-testid="whatif-error">
          {problem.text}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={disabled} data-testid="whatif-submit">
          {t('whatIf.submit')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('whatIf.cancel')}
        </button>
      </div>
    </form>
  );
}

// Small pieces of the visit form: a labelled field, a field's error, a new need, the banner.
import { useId, type ReactNode } from 'react';
import { useI18n } from '../../app/i18n';
import { NEED_KINDS, URGENCIES, type NeedKind, type Urgency } from '../../app/enums';
import { type FieldErrors, type FieldMessage, type NeedDraft } from './validation';

export type Banner =
  | { kind: 'client'; count: number }
  | { kind: 'server'; message: string; extra: string[] }
  | { kind: 'stale'; version: number }
  | { kind: 'conflict'; message: string }
  | { kind: 'notFound' }
  | { kind: 'error'; message: string };

export function FieldErrorText({ text, id }: { text: string; id?: string }) {
  return (
    <p className="field-error" id={id} data-testid="field-error">
      {text}
    </p>
  );
}

interface FieldProps {
  name: string;
  label: string;
  error?: string;
  hint?: string;
  required?: boolean;
  children: (id: string, describedBy: string | undefined) => ReactNode;
}

/** A labelled field with its error (server or client) right under it. */
export function Field({ name, label, error, hint, required, children }: FieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [error ? errorId : '', hint ? hintId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`form-field${error ? ' has-error' : ''}`} data-field={name} data-testid={`field-${name}`}>
      <label className="form-label" htmlFor={id}>
        {label} {required && <span className="req">*</span>}
      </label>
      {children(id, describedBy)}
      {hint && (
        <p className="muted small field-hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && <FieldErrorText text={error} id={errorId} />}
    </div>
  );
}

interface NeedFieldsProps {
  index: number;
  need: NeedDraft;
  errors: FieldErrors;
  text: (m: FieldMessage | undefined) => string;
  onChange: (patch: Partial<NeedDraft>) => void;
  onRemove: () => void;
}

export function NeedFields({ index, need, errors, text, onChange, onRemove }: NeedFieldsProps) {
  const { t, label } = useI18n();
  const at = `needsDiscovered.${index}`;
  const err = (f: string) => errors[`${at}.${f}`];
  return (
    <div className="need-draft" data-testid="visit-need">
      <div className="need-draft-head">
        <strong>{t('visit.needNumber', { number: index + 1 })}</strong>
        <button type="button" className="link danger-link" onClick={onRemove} data-testid="visit-remove-need">
          {t('visit.removeNeed')}
        </button>
      </div>
      <label className={`sub-label${err('kind') ? ' has-error' : ''}`} data-field={`${at}.kind`}>
        <span>{t('visit.needKind')}</span>
        <select
          value={need.kind}
          onChange={(e) => onChange({ kind: e.target.value as NeedKind | '' })}
          aria-invalid={err('kind') ? true : undefined}
          data-testid="visit-need-kind"
        >
          <option value="">{t('visit.choose')}</option>
          {NEED_KINDS.map((k) => (
            <option key={k} value={k}>
              {label('NeedKind', k)}
            </option>
          ))}
        </select>
        {err('kind') && <FieldErrorText text={text(err('kind'))} />}
      </label>
      <label className={`sub-label${err('description') ? ' has-error' : ''}`} data-field={`${at}.description`}>
        <span>{t('visit.needDescription')}</span>
        <textarea
          rows={2}
          value={need.description}
          onChange={(e) => onChange({ description: e.target.value })}
          aria-invalid={err('description') ? true : undefined}
          data-testid="visit-need-description"
        />
        {err('description') && <FieldErrorText text={text(err('description'))} />}
      </label>
      <div className="need-draft-row">
        <label className={`sub-label${err('estimatedCost') ? ' has-error' : ''}`} data-field={`${at}.estimatedCost`}>
          <span>{t('visit.needCost')}</span>
          <input
            inputMode="numeric"
            pattern="[0-9]*"
            value={need.cost}
            onChange={(e) => onChange({ cost: e.target.value })}
            aria-invalid={err('estimatedCost') ? true : undefined}
            data-testid="visit-need-cost"
          />
          {err('estimatedCost') && <FieldErrorText text={text(err('estimatedCost'))} />}
        </label>
        <label className={`sub-label${err('urgency') ? ' has-error' : ''}`} data-field={`${at}.urgency`}>
          <span>{t('visit.needUrgency')}</span>
          <select
            value={need.urgency}
            onChange={(e) => onChange({ urgency: e.target.value as Urgency | '' })}
            aria-invalid={err('urgency') ? true : undefined}
            data-testid="visit-need-urgency"
          >
            <option value="">{t('visit.choose')}</option>
            {URGENCIES.map((u) => (
              <option key={u} value={u}>
                {label('Urgency', u)}
              </option>
            ))}
          </select>
          {err('urgency') && <FieldErrorText text={text(err('urgency'))} />}
        </label>
      </div>
    </div>
  );
}

export function BannerView({ banner }: { banner: Banner }) {
  const { t } = useI18n();
  let body: ReactNode;
  let tone = 'notice-error';
  switch (banner.kind) {
    case 'client':
      body = t('visit.fixErrors', { count: banner.count });
      break;
    case 'server':
      body = (
        <>
          <strong>{t('visit.serverErrors')}</strong> {banner.message}
          {banner.extra.length > 0 && (
            <ul>
              {banner.extra.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          )}
        </>
      );
      break;
    case 'stale':
      body = t('visit.stale', { version: banner.version });
      tone = 'notice-warn';
      break;
    case 'conflict':
      body = t('visit.conflict', { message: banner.message });
      break;
    case 'notFound':
      body = t('visit.notFound');
      break;
    case 'error':
      body = banner.message;
      break;
  }
  return (
    <div className={`notice ${tone}`} role="alert" data-testid="visit-banner" data-kind={banner.kind}>
      {body}
    </div>
  );
}

import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useMutation } from 'urql';
import { useAuth } from '../../app/auth';
import { unreachable } from '../../app/exhaustive';
import { useI18n } from '../../app/i18n';
import { formatDay, localDate, pickLang, toLocalInput } from '../../app/time';
import { MY_DAY_ROLES, hasRole } from '../../app/roles';
import { NEED_KINDS, URGENCIES, VISIT_OUTCOMES, type NeedKind, type Urgency } from '../../app/enums';
import type { OpenAlert, VisitMatch } from './VisitPage';
import {
  MAX_NEEDS,
  checkVisit,
  completeInput,
  fieldOrder,
  mapServerErrors,
  newNeed,
  toInput,
  type FieldErrors,
  type FieldMessage,
  type NeedDraft,
  type Resolution,
  type VisitDraft,
} from './validation';
import type { RecordVisitMutation } from '../../graphql/graphql';
import { RECORD_VISIT_MUTATION } from './visits.graphql';

type SavedVisit = Extract<RecordVisitMutation['recordVisit'], { __typename: 'RecordVisitSuccess' }>;

type Banner =
  | { kind: 'client'; count: number }
  | { kind: 'server'; message: string; extra: string[] }
  | { kind: 'stale'; version: number }
  | { kind: 'conflict'; message: string }
  | { kind: 'notFound' }
  | { kind: 'error'; message: string };

const PLACE_KEYS = ['visit.placeHome', 'visit.placeVillage', 'visit.placeHospital', 'visit.placeWork'] as const;

function emptyDraft(now: Date, verifying: boolean): VisitDraft {
  return {
    visitedAt: toLocalInput(now),
    place: '',
    metMembers: [],
    metOthers: '',
    findings: '',
    outcome: '',
    needs: [],
    resolved: {},
    nextFollowUp: '',
    verifying,
  };
}

interface VisitFormProps {
  match: VisitMatch;
  openAlerts: OpenAlert[];
  verifyByDefault: boolean;
  /** Reload the match (and its alerts) from the server: after a stale version. */
  reload: () => void;
}

export function VisitForm({ match, openAlerts, verifyByDefault, reload }: VisitFormProps) {
  const { t, label, lang } = useI18n();
  const { user } = useAuth();
  const [draft, setDraft] = useState<VisitDraft>(() => emptyDraft(new Date(), verifyByDefault));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [banner, setBanner] = useState<Banner | null>(null);
  const [saved, setSaved] = useState<SavedVisit | null>(null);
  // Left at "now" (not typed): sent as the moment of saving.
  const [timeIsNow, setTimeIsNow] = useState(true);
  const [state, record] = useMutation(RECORD_VISIT_MUTATION);
  const formRef = useRef<HTMLFormElement>(null);
  const focusPending = useRef(false);
  const h = match.household;
  const openNeeds = (h?.needs ?? []).filter((n) => n.status === 'OPEN' || n.status === 'PLEDGED');

  const set = (patch: Partial<VisitDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    // An edited field's error goes away; the others stay until the next submit.
    setErrors((e) => {
      const next = { ...e };
      for (const k of Object.keys(patch)) {
        delete next[k];
        if (k === 'metMembers' || k === 'metOthers') delete next.met;
        if (k === 'outcome') {
          delete next.met;
          delete next.verifying;
          delete next.findings;
        }
      }
      return next;
    });
  };
  const setNeed = (i: number, patch: Partial<NeedDraft>) => {
    setDraft((d) => ({ ...d, needs: d.needs.map((n, j) => (j === i ? { ...n, ...patch } : n)) }));
    setErrors((e) => {
      const next = { ...e };
      for (const k of Object.keys(patch)) delete next[`needsDiscovered.${i}.${k === 'cost' ? 'estimatedCost' : k}`];
      return next;
    });
  };
  const removeNeed = (i: number) => {
    setDraft((d) => ({ ...d, needs: d.needs.filter((_, j) => j !== i) }));
    // Indices after the removed one shift: their errors no longer apply.
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith('needsDiscovered.'))));
  };

  // Left at "now", the time shown follows the clock.
  useEffect(() => {
    if (!timeIsNow) return;
    const timer = setInterval(() => setDraft((d) => ({ ...d, visitedAt: toLocalInput(new Date()) })), 20_000);
    return () => clearInterval(timer);
  }, [timeIsNow]);

  // After a refused submit, bring the first marked field into view (on a phone it is off-screen).
  useEffect(() => {
    if (!focusPending.current) return;
    focusPending.current = false;
    const first = fieldOrder(draft).find((f) => errors[f]);
    const el = first ? formRef.current?.querySelector<HTMLElement>(`[data-field="${first}"]`) : null;
    const target = el?.matches('input, select, textarea, button') ? el : el?.querySelector<HTMLElement>('input, select, textarea, button');
    target?.focus({ preventScroll: true });
    el?.scrollIntoView?.({ block: 'center', behavior: 'smooth' });
  }, [errors, draft]);

  const text = (m: FieldMessage | undefined) => (m ? ('key' in m ? t(m.key, m.params) : m.text) : '');

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = checkVisit(draft, { now: new Date(), startedOn: match.startedOn });
    if (Object.keys(found).length > 0) {
      setErrors(found);
      setBanner({ kind: 'client', count: Object.keys(found).length });
      focusPending.current = true;
      return;
    }
    setErrors({});
    setBanner(null);
    const now = new Date();
    const sentAt = timeIsNow ? now : undefined;
    const { input, resolvedOrder } = toInput(draft, match.id, match.version, sentAt);
    const complete = completeInput(input);
    if (!complete) return; // checkVisit refused every empty choice above
    const res = await record({ input: complete });
    const payload = res.data?.recordVisit;
    switch (payload?.__typename) {
      case 'RecordVisitSuccess':
        setSaved(payload);
        document.querySelector('[data-testid="visit-page"]')?.scrollIntoView?.({ block: 'start' });
        break;
      case 'InvalidInput': {
        const mapped = mapServerErrors(payload.errors, resolvedOrder, lang);
        const shown = new Set(fieldOrder(draft));
        const extra = Object.entries(mapped)
          .filter(([field]) => !shown.has(field))
          .map(([field, m]) => `${field}: ${text(m)}`);
        setErrors(mapped);
        setBanner({ kind: 'server', message: pickLang(payload.message, lang), extra });
        focusPending.current = true;
        break;
      }
      case 'StaleVersion':
        setBanner({ kind: 'stale', version: payload.currentVersion });
        reload();
        break;
      case 'Conflict':
        setBanner({ kind: 'conflict', message: pickLang(payload.message, lang) });
        reload();
        break;
      case 'NotFound':
        setBanner({ kind: 'notFound' });
        break;
      case undefined:
        setBanner({
          kind: 'error',
          message: res.error?.networkError
            ? t('error.network')
            : t('error.generic', { message: res.error?.graphQLErrors[0]?.message ?? res.error?.message ?? '' }),
        });
        break;
      default:
        unreachable(payload);
    }
  }

  if (saved) {
    const householdHref = h ? `/households/${encodeURIComponent(h.id)}#timeline` : '/households';
    return (
      <div className="notice notice-success visit-saved" role="status" data-testid="visit-saved">
        <p className="visit-saved-title">✓ {t('visit.saved')}</p>
        {saved.match.followUpDue && (
          <p data-testid="visit-saved-follow-up">
            {t('visit.savedFollowUp', { date: formatDay(saved.match.followUpDue, lang) })}
          </p>
        )}
        {saved.resolvedAlertIds.length > 0 && (
          <p data-testid="visit-saved-alerts">{t('visit.savedAlerts', { count: saved.resolvedAlertIds.length })}</p>
        )}
        {saved.reportersTold > 0 && <p>{t('visit.savedReporters', { count: saved.reportersTold })}</p>}
        <div className="visit-saved-actions">
          <Link to={householdHref} className="big-button" data-testid="visit-view-timeline">
            {t('visit.viewTimeline')}
          </Link>
          {hasRole(user, MY_DAY_ROLES) && (
            <Link to="/my-day" className="big-button secondary" data-testid="visit-back-to-day">
              {t('visit.backToDay')}
            </Link>
          )}
          <button
            type="button"
            className="link"
            onClick={() => {
              setSaved(null);
              setTimeIsNow(true);
              setDraft(emptyDraft(new Date(), false));
              reload();
            }}
          >
            {t('visit.another')}
          </button>
        </div>
      </div>
    );
  }

  const notMet = draft.outcome === 'NOT_MET';
  const visitDay = draft.visitedAt.slice(0, 10);
  const members = h?.members ?? [];

  return (
    <form
      ref={formRef}
      className="visit-form"
      onSubmit={submit}
      noValidate
      data-testid="visit-form"
      data-version={match.version}
    >
      {banner && !(banner.kind === 'client' && Object.keys(errors).length === 0) && (
        <BannerView banner={banner.kind === 'client' ? { kind: 'client', count: Object.keys(errors).length } : banner} />
      )}

      <Field name="visitedAt" label={t('visit.when')} error={text(errors.visitedAt)}>
        {(id, describedBy) => (
          <div className="inline-row">
            <input
              id={id}
              type="datetime-local"
              value={draft.visitedAt}
              max={toLocalInput(new Date())}
              min={match.startedOn ? `${match.startedOn}T00:00` : undefined}
              onChange={(e) => {
                setTimeIsNow(false);
                set({ visitedAt: e.target.value });
              }}
              aria-invalid={errors.visitedAt ? true : undefined}
              aria-describedby={describedBy}
              data-testid="visit-when"
            />
            <button
              type="button"
              className="chip-button"
              onClick={() => {
                setTimeIsNow(true);
                set({ visitedAt: toLocalInput(new Date()) });
              }}
            >
              {t('visit.now')}
            </button>
          </div>
        )}
      </Field>

      <Field name="place" label={t('visit.place')} error={text(errors.place)} required>
        {(id, describedBy) => (
          <>
            <input
              id={id}
              value={draft.place}
              placeholder={t('visit.placePlaceholder')}
              maxLength={200}
              onChange={(e) => set({ place: e.target.value })}
              aria-invalid={errors.place ? true : undefined}
              aria-describedby={describedBy}
              data-testid="visit-place"
            />
            <div className="chip-row">
              {PLACE_KEYS.map((k) => (
                <button
                  key={k}
                  type="button"
                  className={`chip-button${draft.place === t(k) ? ' chip-on' : ''}`}
                  aria-pressed={draft.place === t(k)}
                  onClick={() => set({ place: t(k) })}
                  data-testid="visit-place-chip"
                >
                  {t(k)}
                </button>
              ))}
            </div>
          </>
        )}
      </Field>

      <fieldset
        className={`form-field${errors.outcome ? ' has-error' : ''}`}
        data-field="outcome"
        data-testid="field-outcome"
        aria-invalid={errors.outcome ? true : undefined}
      >
        <legend className="form-label">
          {t('visit.outcome')} <span className="req">*</span>
        </legend>
        <div className="outcome-grid" role="radiogroup">
          {VISIT_OUTCOMES.map((o) => (
            <label key={o} className={`outcome-option outcome-${o.toLowerCase()}${draft.outcome === o ? ' selected' : ''}`}>
              <input
                type="radio"
                name="outcome"
                value={o}
                checked={draft.outcome === o}
                onChange={() => set({ outcome: o, ...(o === 'NOT_MET' ? { verifying: false } : {}) })}
                data-testid={`visit-outcome-${o}`}
              />
              <span>{label('VisitOutcome', o)}</span>
            </label>
          ))}
        </div>
        {errors.outcome && <FieldErrorText text={text(errors.outcome)} />}
      </fieldset>

      {!notMet && (
        <fieldset className={`form-field${errors.met ? ' has-error' : ''}`} data-field="met" data-testid="field-met">
          <legend className="form-label">
            {t('visit.met')} <span className="req">*</span>
          </legend>
          {members.length > 0 && (
            <div className="chip-row member-chips">
              {members.map((m) => {
                const value = m.identity?.name ?? label('Relation', m.relation);
                const on = draft.metMembers.includes(value);
                return (
                  <button
                    key={m.id}
                    type="button"
                    className={`chip-button${on ? ' chip-on' : ''}`}
                    aria-pressed={on}
                    onClick={() =>
                      set({
                        metMembers: on ? draft.metMembers.filter((v) => v !== value) : [...draft.metMembers, value],
                      })
                    }
                    data-testid="visit-met-member"
                  >
                    {on ? '✓ ' : ''}
                    {value}
                    {m.identity && <small className="muted"> · {label('Relation', m.relation)}</small>}
                  </button>
                );
              })}
            </div>
          )}
          <label className="sub-label">
            <span>{t('visit.metOthers')}</span>
            <input
              value={draft.metOthers}
              placeholder={t('visit.metOthersPlaceholder')}
              onChange={(e) => set({ metOthers: e.target.value })}
              aria-invalid={errors.met ? true : undefined}
              data-testid="visit-met-others"
            />
          </label>
          {errors.met && <FieldErrorText text={text(errors.met)} />}
        </fieldset>
      )}

      <Field name="findings" label={t('visit.findings')} error={text(errors.findings)} required={!notMet}>
        {(id, describedBy) => (
          <textarea
            id={id}
            rows={4}
            value={draft.findings}
            placeholder={t('visit.findingsPlaceholder')}
            onChange={(e) => set({ findings: e.target.value })}
            aria-invalid={errors.findings ? true : undefined}
            aria-describedby={describedBy}
            data-testid="visit-findings"
          />
        )}
      </Field>

      {openNeeds.length > 0 && (
        <fieldset className="form-field" data-testid="visit-existing-needs">
          <legend className="form-label">{t('visit.existingNeeds')}</legend>
          {openNeeds.map((n) => {
            const key = `resolved.${n.id}`;
            return (
              <label key={n.id} className={`existing-need${errors[key] ? ' has-error' : ''}`} data-field={key}>
                <span className="existing-need-text">
                  <strong>{label('NeedKind', n.kind)}</strong> {n.description}
                </span>
                <select
                  value={draft.resolved[n.id] ?? ''}
                  onChange={(e) => {
                    set({ resolved: { ...draft.resolved, [n.id]: e.target.value as Resolution } });
                    setErrors((er) => {
                      const next = { ...er };
                      delete next[key];
                      return next;
                    });
                  }}
                  aria-invalid={errors[key] ? true : undefined}
                  data-testid="visit-need-resolution"
                >
                  <option value="">{t('visit.needUnchanged')}</option>
                  <option value="FULFILLED">{label('NeedStatus', 'FULFILLED')}</option>
                  <option value="CANCELLED">{label('NeedStatus', 'CANCELLED')}</option>
                </select>
                {errors[key] && <FieldErrorText text={text(errors[key])} />}
              </label>
            );
          })}
        </fieldset>
      )}

      <fieldset className="form-field" data-testid="visit-needs">
        <legend className="form-label">{t('visit.needs')}</legend>
        <p className="muted small field-hint">{t('visit.needsHint')}</p>
        {draft.needs.map((n, i) => (
          <NeedFields
            key={n.key}
            index={i}
            need={n}
            errors={errors}
            text={text}
            onChange={(patch) => setNeed(i, patch)}
            onRemove={() => removeNeed(i)}
          />
        ))}
        {draft.needs.length < MAX_NEEDS && (
          <button
            type="button"
            className="add-button"
            onClick={() => setDraft((d) => ({ ...d, needs: [...d.needs, newNeed()] }))}
            data-testid="visit-add-need"
          >
            {t('visit.addNeed')}
          </button>
        )}
      </fieldset>

      <Field name="nextFollowUp" label={t('visit.nextFollowUp')} error={text(errors.nextFollowUp)} hint={t('visit.nextFollowUpHint')}>
        {(id, describedBy) => (
          <input
            id={id}
            type="date"
            value={draft.nextFollowUp}
            min={nextDay(visitDay)}
            onChange={(e) => set({ nextFollowUp: e.target.value })}
            aria-invalid={errors.nextFollowUp ? true : undefined}
            aria-describedby={describedBy}
            data-testid="visit-next-follow-up"
          />
        )}
      </Field>

      <div
        className={`form-field verify-box${errors.verifying ? ' has-error' : ''}`}
        data-field="verifying"
        data-testid="field-verifying"
      >
        <label className="big-check">
          <input
            type="checkbox"
            checked={draft.verifying}
            disabled={notMet}
            onChange={(e) => set({ verifying: e.target.checked })}
            data-testid="visit-verifying"
          />
          <span>{t('visit.verifying')}</span>
        </label>
        <p className="muted small field-hint" data-testid="visit-verifying-hint">
          {openAlerts.length > 0 ? t('visit.verifyingHint', { count: openAlerts.length }) : t('visit.verifyingNone')}
        </p>
        {errors.verifying && <FieldErrorText text={text(errors.verifying)} />}
      </div>

      <div className="submit-bar">
        <button type="submit" className="primary big-submit" disabled={state.fetching} data-testid="visit-submit">
          {state.fetching ? t('visit.saving') : t('visit.submit')}
        </button>
      </div>
    </form>
  );
}

function nextDay(day: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return undefined;
  return localDate(new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1));
}

function FieldErrorText({ text, id }: { text: string; id?: string }) {
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
function Field({ name, label, error, hint, required, children }: FieldProps) {
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

function NeedFields({ index, need, errors, text, onChange, onRemove }: NeedFieldsProps) {
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

function BannerView({ banner }: { banner: Banner }) {
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


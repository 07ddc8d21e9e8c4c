import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { unreachable } from '../../app/exhaustive';
import { useI18n } from '../../app/i18n';
import { commonRefusalText } from '../../app/refusal';
import { parseLocalInput, shiftDay, toLocalInput } from '../../app/time';
import { useServiceDay } from '../../app/today';
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
  type VisitDraft,
} from './validation';
import type { RecordVisitMutation } from '../../graphql/graphql';
import { RECORD_VISIT_MUTATION } from './visits.graphql';
import { BannerView, Field, FieldErrorText, NeedFields, type Banner } from './VisitFormParts';
import { ExistingNeeds, MetField, OutcomeField } from './VisitFormSections';
import { VisitSaved } from './VisitSaved';
import { DateInput } from '../../components/DateInput';
import { requestErrorText } from '../../components/QueryState';

export type SavedVisit = Extract<RecordVisitMutation['recordVisit'], { __typename: 'RecordVisitSuccess' }>;

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
  const i18n = useI18n();
  const { t, lang } = i18n;
  const { dayOf } = useServiceDay();
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
    const found = checkVisit(draft, { now: new Date(), startedOn: match.startedOn, dayOf });
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
        // The fields say what is wrong; the server's message is for developers.
        setBanner({ kind: 'server', message: '', extra });
        focusPending.current = true;
        break;
      }
      case 'StaleVersion':
        setBanner({ kind: 'stale', version: payload.currentVersion });
        reload();
        break;
      case 'Conflict':
        setBanner({ kind: 'conflict', message: commonRefusalText(i18n, payload, ['visit.err.']) });
        reload();
        break;
      case 'NotFound':
        setBanner({ kind: 'notFound' });
        break;
      case undefined:
        setBanner({
          kind: 'error',
          message: requestErrorText(i18n, res.error),
        });
        break;
      default:
        unreachable(payload);
    }
  }

  if (saved) {
    return (
      <VisitSaved
        saved={saved}
        householdId={h?.id ?? null}
        onAnother={() => {
          setSaved(null);
          setTimeIsNow(true);
          setDraft(emptyDraft(new Date(), false));
          reload();
        }}
      />
    );
  }

  const notMet = draft.outcome === 'NOT_MET';
  const visitAt = parseLocalInput(draft.visitedAt);
  const visitDay = visitAt ? dayOf(visitAt) : null;
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
            <DateInput
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

      <OutcomeField draft={draft} errors={errors} text={text} set={set} />

      {!notMet && (
        <MetField draft={draft} errors={errors} text={text} set={set} members={members} />
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
        <ExistingNeeds
          draft={draft}
          errors={errors}
          text={text}
          set={set}
          openNeeds={openNeeds}
          clearError={(key) =>
            setErrors((er) => {
              const next = { ...er };
              delete next[key];
              return next;
            })
          }
        />
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
          <DateInput
            id={id}
            value={draft.nextFollowUp}
            min={visitDay ? shiftDay(visitDay, 1) : undefined}
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

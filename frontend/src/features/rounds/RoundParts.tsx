import { Link } from 'react-router';
import { useQuery } from 'urql';
import { useI18n, type I18n } from '../../app/i18n';
import { refusalText, type UserErrorFields } from '../../app/refusal';
import { pickLang } from '../../app/time';
import type { RoundFieldsFragment } from '../../graphql/graphql';
import { ROUND_HOUSEHOLD_QUERY } from './rounds.graphql';
import { lateKey, minutesOf, reasonKey, warningKey } from './labels';

export type Round = RoundFieldsFragment;
export type RoundStop = Round['stops'][number];
export type DroppedVisit = Round['dropped'][number];

export function householdHref(id: string): string {
  return `/households/${encodeURIComponent(id)}`;
}

/** The path of the visit form of a match; an alert's visit verifies it (`?verify=1`). */
/** The visit form from a stop: `from=round` gives the saved visit a way back to 我的路线. */
export function visitHref(matchId: string, kind: string): string {
  const base = `/matches/${encodeURIComponent(matchId)}/visit?from=round`;
  return kind === 'ALERT_VERIFICATION' ? `${base}&verify=1` : base;
}

/** 户主 and village, as far as the role may see. */
export function useStopName() {
  const { t } = useI18n();
  return (h: { identity?: { headName: string } | null; village?: { name: string } | null } | null | undefined) => {
    const head = h?.identity?.headName ?? t('rounds.someone');
    return h?.village?.name ? `${head} · ${h.village.name}` : head;
  };
}

export function RoundSummary({ round }: { round: Round }) {
  const { t, number } = useI18n();
  return (
    <div className="round-summary" data-testid="round-summary">
      <strong>
        {t('rounds.summary', {
          stops: round.stops.length,
          done: round.doneCount,
          km: number(round.km, 1),
          minutes: round.travelMinutes,
        })}
      </strong>
      <span className="muted">{t('rounds.hours', { start: round.start, end: round.end })}</span>
      {round.warnings.map((w) => (
        <span key={w} className="notice round-warning">
          {t(warningKey(w))}
        </span>
      ))}
    </div>
  );
}

const WEEKDAY_KEYS = [
  'roundStop.mon',
  'roundStop.tue',
  'roundStop.wed',
  'roundStop.thu',
  'roundStop.fri',
  'roundStop.sat',
  'roundStop.sun',
] as const;

/** Where a stop's 到访 goes: the visit form of the worker's match with the household. */
export type StopAction = (stop: RoundStop) => { href: string; visit: boolean } | null;

export function StopList({ round, action }: { round: Round; action?: StopAction }) {
  const { t, label, number, lang } = useI18n();
  const sep = lang === 'en' ? ', ' : '、';
  const name = useStopName();
  const stops = [...round.stops].sort((a, b) => a.position - b.position);
  return (
    <ol className="round-stops" data-testid="round-stops">
      {stops.map((s, i) => {
        const waited = (minutesOf(s.start) ?? 0) > (minutesOf(s.arrival) ?? 0);
        const go = action?.(s) ?? null;
        return (
          <li key={s.position} className={`round-stop${s.done ? ' is-done' : ''}${s.late ? ' is-late' : ''}`} data-testid="round-stop">
            <span className="round-no" aria-hidden="true">
              {i + 1}
            </span>
            <div className="round-stop-body">
              <div className="round-stop-head">
                <strong>{name(s.household)}</strong>
                <span className="round-kind">{label('RoundVisitKind', s.kind)}</span>
                {s.done && <span className="round-done-badge">{t('rounds.done')}</span>}
              </div>
              <div className="round-times">
                <span>
                  {t('rounds.arrival')} <b className="mono">{s.arrival}</b>
                </span>
                <span>
                  {t('rounds.window')}{' '}
                  <b className="mono">
                    {s.start}–{s.departure}
                  </b>
                </span>
              </div>
              {waited && <div className="muted small">{t('rounds.waitUntil', { time: s.start })}</div>}
              {(s.windows.length > 0 || s.unavailableWeekdays.length > 0) && (
                <div className="muted small round-availability" data-testid="round-availability">
                  {s.windows.length > 0 && t('roundStop.windows', { windows: s.windows.join(sep) })}
                  {s.windows.length > 0 && s.unavailableWeekdays.length > 0 && ' · '}
                  {s.unavailableWeekdays.length > 0 &&
                    t('roundStop.notOn', {
                      days: s.unavailableWeekdays.map((d) => t(WEEKDAY_KEYS[(d - 1) % 7])).join(sep),
                    })}
                </div>
              )}
              <div className="muted small">{t('rounds.travel', { minutes: s.travelMinutes, km: number(s.km, 1) })}</div>
              {s.late && <div className="round-late">{t(lateKey(s.late))}</div>}
              {s.warnings.map((w) => (
                <div key={w} className="round-stop-warning">
                  {t(warningKey(w))}
                </div>
              ))}
              {go && !s.done && (
                <div className="round-stop-actions">
                  <Link to={go.href} className="big-button round-visit" data-testid="round-visit">
                    {go.visit ? t('rounds.visit') : t('rounds.openHousehold')}
                  </Link>
                  {!go.visit && <span className="muted small">{t('rounds.noMatch')}</span>}
                </div>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}

function DroppedRow({ visit }: { visit: DroppedVisit }) {
  const { t, label } = useI18n();
  const name = useStopName();
  const [{ data, fetching }] = useQuery({ query: ROUND_HOUSEHOLD_QUERY, variables: { id: visit.householdId } });
  return (
    <li data-testid="round-dropped-row">
      {/* Still reading: not "no right to see the name", which is what a missing name means. */}
      <Link to={householdHref(visit.householdId)}>{fetching && !data ? t('common.loading') : name(data?.household ?? null)}</Link>
      <span className="round-kind">{label('RoundVisitKind', visit.kind)}</span>
      <span className="muted">{t(reasonKey(visit.reason))}</span>
    </li>
  );
}

export function DroppedList({ round }: { round: Round }) {
  const { t } = useI18n();
  return (
    <section className="round-dropped" data-testid="round-dropped">
      <h2>{t('rounds.dropped')}</h2>
      {round.dropped.length === 0 ? (
        <p className="muted">{t('rounds.droppedNone')}</p>
      ) : (
        <ul>
          {round.dropped.map((d) => (
            <DroppedRow key={`${d.householdId}-${d.kind}`} visit={d} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** The printed round sheet (only on paper): one row per stop, room to sign. */
export function RoundSheet({ round, workerName }: { round: Round; workerName: string }) {
  const { t, label } = useI18n();
  const name = useStopName();
  const stops = [...round.stops].sort((a, b) => a.position - b.position);
  return (
    <section className="round-sheet print-only" data-testid="round-sheet">
      <h1>{t('rounds.sheetTitle')}</h1>
      <p>
        {[t('rounds.sheetWorker', { name: workerName }), t('rounds.sheetDate', { date: round.date }), t('rounds.hours', { start: round.start, end: round.end })].join('　')}
      </p>
      <table>
        <thead>
          <tr>
            <th>{t('rounds.sheetNo')}</th>
            <th>{t('rounds.sheetHousehold')}</th>
            <th>{t('rounds.sheetKind')}</th>
            <th>{t('rounds.arrival')}</th>
            <th>{t('rounds.window')}</th>
            <th>{t('rounds.sheetNote')}</th>
            <th>{t('rounds.sheetSign')}</th>
          </tr>
        </thead>
        <tbody>
          {stops.map((s, i) => (
            <tr key={s.position}>
              <td>{i + 1}</td>
              <td>{name(s.household)}</td>
              <td>{label('RoundVisitKind', s.kind)}</td>
              <td>{s.arrival}</td>
              <td>
                {s.start}–{s.departure}
              </td>
              <td>
                {[s.late ? t(lateKey(s.late)) : null, ...s.warnings.map((w) => t(warningKey(w))), s.done ? t('rounds.done') : null]
                  .filter(Boolean)
                  .join('；')}
              </td>
              <td />
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/**
 * A refused plan, week or re-plan in the page's language: the rounds' words for its code with
 * its parameters; a refusal the page has no words for (an older server's composed
 * "中文 / English" line) by its half in that language.
 */
export function refusal(i18n: Pick<I18n, 't' | 'label' | 'lang'>, payload: UserErrorFields): string {
  return refusalText(i18n, payload, {
    prefixes: ['rounds.err.'],
    complete: true,
    shown: (v) => (v.entity ? { ...v, entity: i18n.label('AuditEntityType', v.entity) } : v),
    other: (r) => pickLang(r.message, i18n.lang),
  });
}

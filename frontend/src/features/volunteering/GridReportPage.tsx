import './volunteering.css';
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { unreachable } from '../../app/exhaustive';
import { useI18n } from '../../app/i18n';
import { Loading, QueryError, requestErrorText } from '../../components/QueryState';
import type { GridReportKind, NeedKind, ReportableEvent } from '../../graphql/graphql';
import { fieldProblems } from './errors';
import {
  MY_GRID_REPORTS_QUERY,
  MY_VOLUNTEER_PROFILE_QUERY,
  REPORT_VILLAGES_QUERY,
  SUBMIT_GRID_REPORT_MUTATION,
} from './volunteering.graphql';

const NEED_KINDS: NeedKind[] = ['DAILY_CARE', 'MEDICAL', 'HOUSING', 'EDUCATION', 'EMPLOYMENT', 'PSYCHOLOGICAL', 'REHABILITATION', 'LEGAL_AID', 'BASIC_LIVING'];
const EVENTS: ReportableEvent[] = ['HOSPITALISATION', 'CHRONIC_DISEASE', 'NEW_DISABILITY', 'NEW_UNEMPLOYMENT', 'COLLEGE_ADMISSION'];

/** 网格上报: a short phone form. A village and what was seen; never a household. */
export function GridReportPage() {
  const { t, label, dateTime } = useI18n();
  const [profile] = useQuery({ query: MY_VOLUNTEER_PROFILE_QUERY });
  const me = profile.data?.myVolunteerProfile;
  const township = me?.village?.parentId ?? '';
  const [villages] = useQuery({ query: REPORT_VILLAGES_QUERY, variables: { parentId: township }, pause: !township });
  const [mine, refetchMine] = useQuery({ query: MY_GRID_REPORTS_QUERY });
  const [state, submit] = useMutation(SUBMIT_GRID_REPORT_MUTATION);
  const [villageId, setVillageId] = useState('');
  const [kind, setKind] = useState<GridReportKind>('NEED');
  const [needKind, setNeedKind] = useState<NeedKind>('DAILY_CARE');
  const [indicator, setIndicator] = useState<ReportableEvent>('HOSPITALISATION');
  const [description, setDescription] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [sent, setSent] = useState<string | null>(null);

  if (profile.error) return <QueryError error={profile.error} />;
  if (!profile.data) return <Loading />;
  if (!me?.gridRole) return <p className="notice" data-testid="grid-not-member">{t('grid.notGrid')}</p>;
  const village = villageId || me.village?.id || '';

  const send = async (e: FormEvent) => {
    e.preventDefault();
    setSent(null);
    if (!description.trim()) return setProblems({ description: t('vol.error.MISSING_VALUE') });
    const res = await submit({
      input: {
        villageId: village,
        kind,
        needKind: kind === 'NEED' ? needKind : null,
        indicator: kind === 'EVENT' ? indicator : null,
        description: description.trim(),
      },
    });
    const r = res.data?.submitGridReport;
    if (!r) return setProblems({ form: requestErrorText({ t }, res.error) });
    switch (r.__typename) {
      case 'InvalidInput':
        return setProblems(fieldProblems(t, r.errors));
      case 'SubmitGridReportSuccess':
        setProblems({});
        setDescription('');
        setSent(t('grid.sent', { due: dateTime(r.report.dueAt) }));
        refetchMine({ requestPolicy: 'network-only' });
        return;
      default:
        return unreachable(r);
    }
  };

  return (
    <section className="vol-page" data-testid="grid-report">
      <h1>{t('grid.title')}</h1>
      <p className="muted">{t('grid.intro')}</p>
      <form className="vol-form" onSubmit={(e) => void send(e)} noValidate>
        <label>
          {t('grid.village')}
          <select value={village} onChange={(e) => setVillageId(e.target.value)} name="village">
            {(villages.data?.regions ?? []).map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
          {problems.villageId && <span className="field-error">{problems.villageId}</span>}
        </label>
        <fieldset>
          <legend>{t('grid.kind')}</legend>
          {(['NEED', 'EVENT'] as const).map((k) => (
            <label key={k} className="vol-day">
              <input type="radio" name="kind" checked={kind === k} onChange={() => setKind(k)} />
              {label('GridReportKind', k)}
            </label>
          ))}
        </fieldset>
        {kind === 'NEED' ? (
          <label>
            {t('grid.needKind')}
            <select value={needKind} onChange={(e) => setNeedKind(e.target.value as NeedKind)}>
              {NEED_KINDS.map((k) => (
                <option key={k} value={k}>
                  {label('NeedKind', k)}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <label>
            {t('grid.indicator')}
            <select value={indicator} onChange={(e) => setIndicator(e.target.value as ReportableEvent)}>
              {EVENTS.map((k) => (
                <option key={k} value={k}>
                  {label('ReportableEvent', k)}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          {t('grid.description')}
          <textarea
            rows={4}
            maxLength={300}
            value={description}
            placeholder={t('grid.descriptionPlaceholder')}
            onChange={(e) => setDescription(e.target.value)}
            name="description"
          />
          {problems.description && <span className="field-error">{problems.description}</span>}
        </label>
        {problems.form && <p className="notice notice-error">{problems.form}</p>}
        {sent && (
          <p className="notice" role="status" data-testid="grid-sent">
            {sent}
          </p>
        )}
        <button type="submit" className="primary" disabled={state.fetching} data-testid="grid-submit">
          {t('grid.submit')}
        </button>
      </form>
      <h2>{t('grid.mine')}</h2>
      {mine.data?.myGridReports.length === 0 && <p className="muted">{t('grid.noneMine')}</p>}
      <ul className="vol-cards">
        {(mine.data?.myGridReports ?? []).map((r) => (
          <li key={r.id} className="vol-card">
            <div className="vol-card-head">
              <strong>
                {r.kind === 'NEED' ? label('NeedKind', r.needKind) : label('ReportableEvent', r.indicator ?? 'HOSPITALISATION')}
              </strong>
              <span className="badge">{label('GridReportStatus', r.status)}</span>
            </div>
            <p>{r.description}</p>
            <p className="muted">
              {r.villageName} · {dateTime(r.reportedAt)}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

// 资金台账: pledged, disbursed and fulfilled per organisation and period; for the station and
// auditors also the adoptions in their area with their evidence.
import { useState } from 'react';
import { useQuery } from 'urql';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { ORGANISATION_ROLES, hasRole } from '../../app/roles';
import { useCursorPaging } from '../../components/Pager';
import { PagedList } from '../../components/PagedList';
import { QueryError } from '../../components/QueryState';
import type { BudgetPeriod } from '../../graphql/graphql';
import { channelLabel, periodLabel, statusLabel } from './labels';
import { AREA_ADOPTIONS_QUERY, FUNDS_LEDGER_QUERY } from './market.graphql';
import './market.css';

/** Opens a receipt or photo: fetched with the session's token, shown from memory. */
function EvidenceLink({ id, kind }: { id: string; kind: string }) {
  const { t } = useI18n();
  const auth = useAuth();
  const open = async () => {
    const res = await auth.fetch(`/evidence/${encodeURIComponent(id)}`, {
      headers: auth.token ? { Authorization: `Bearer ${auth.token}` } : {},
    });
    if (!res.ok) return;
    const url = URL.createObjectURL(await res.blob());
    window.open(url, '_blank', 'noopener');
  };
  return (
    <button type="button" className="link-button" onClick={() => void open()} data-testid="evidence-link">
      {t(kind === 'PHOTO' ? 'market.ev.PHOTO' : 'market.ev.RECEIPT')}
    </button>
  );
}

function AreaAdoptions() {
  const { t, label, number } = useI18n();
  const paging = useCursorPaging('area-adoptions', '');
  const [{ data, error, fetching }] = useQuery({
    query: AREA_ADOPTIONS_QUERY,
    variables: { first: 20, after: paging.after },
    requestPolicy: 'cache-and-network',
  });
  return (
    <section className="card" data-testid="area-adoptions">
      <h2>{t('market.areaAdoptions')}</h2>
      <PagedList connection={data?.adoptions} error={error} fetching={fetching} paging={paging}>
        {(nodes) => (
          <table className="table">
            <thead>
              <tr>
                <th>{t('market.organisation')}</th>
                <th>{t('market.kind')}</th>
                <th>{t('market.village')}</th>
                <th>{t('market.status')}</th>
                <th>{t('market.pledgedCol')}</th>
                <th>{t('market.disbursedCol')}</th>
                <th>{t('market.evidence')}</th>
              </tr>
            </thead>
            <tbody>
              {nodes.map((a) => (
                <tr key={a.id} data-testid="area-adoption">
                  <td>{a.organisationName}</td>
                  <td>{label('NeedKind', a.needKind)}</td>
                  <td>
                    {a.township?.name ?? ''} {a.village?.name ?? ''}
                  </td>
                  <td>{statusLabel(t, a.status)}</td>
                  <td>{number(a.pledgedYuan)}</td>
                  <td>
                    {a.disbursedYuan != null ? `${number(a.disbursedYuan)}（${a.disbursedOn ?? ''}，${channelLabel(t, a.channel)}）` : t('common.none')}
                  </td>
                  <td>
                    {a.evidence.map((e) => (
                      <EvidenceLink key={e.id} id={e.id} kind={e.kind} />
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </PagedList>
    </section>
  );
}

export function LedgerPage() {
  const { t, number } = useI18n();
  const { user } = useAuth();
  const [period, setPeriod] = useState<BudgetPeriod>('MONTH');
  const [{ data, error }] = useQuery({ query: FUNDS_LEDGER_QUERY, variables: { period }, requestPolicy: 'cache-and-network' });
  const lines = data?.fundsLedger ?? [];
  return (
    <section className="page" data-testid="ledger-page">
      <header className="page-header">
        <h1>{t('market.ledger')}</h1>
      </header>
      <section className="card">
        <p className="muted">{t('market.ledgerIntro')}</p>
        <label className="field">
          <span className="field-label">{t('market.period')}</span>
          <select value={period} onChange={(e) => setPeriod(e.target.value as BudgetPeriod)} data-testid="ledger-period">
            {(['MONTH', 'QUARTER', 'YEAR'] as BudgetPeriod[]).map((p) => (
              <option key={p} value={p}>
                {periodLabel(t, p)}
              </option>
            ))}
          </select>
        </label>
        {error && <QueryError error={error} />}
        {lines.length === 0 ? (
          <p className="muted">{t('market.ledgerEmpty')}</p>
        ) : (
          <table className="table" data-testid="ledger">
            <thead>
              <tr>
                <th>{t('market.periodCol')}</th>
                <th>{t('market.organisation')}</th>
                <th>{t('market.pledgedCol')}</th>
                <th>{t('market.disbursedCol')}</th>
                <th>{t('market.fulfilledCol')}</th>
                <th>{t('market.adoptionsCol')}</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l) => (
                <tr key={`${l.period}-${l.organisationName}`}>
                  <td>{l.period}</td>
                  <td>
                    {l.organisationName} <span className="muted">{t(l.organisationKind === 'CHARITY' ? 'market.org.CHARITY' : 'market.org.ENTERPRISE')}</span>
                  </td>
                  <td>{number(l.pledgedYuan)}</td>
                  <td>{number(l.disbursedYuan)}</td>
                  <td>{number(l.fulfilledYuan)}</td>
                  <td>{l.adoptions}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {!hasRole(user, ORGANISATION_ROLES) && <AreaAdoptions />}
    </section>
  );
}

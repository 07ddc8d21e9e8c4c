// A county-wide plan is reviewed and approved station by station: choose a station, export
// its part to Excel, approve its part (the other stations' parts stay open).
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { unreachable } from '../../app/exhaustive';
import { useI18n } from '../../app/i18n';
import { commonRefusalText } from '../../app/refusal';
import { CASELOAD_STATIONS_QUERY } from '../../components/stations.graphql';
import { APPROVE_PLAN_PART_MUTATION, EXPORT_PLAN_MUTATION } from './dashboard.graphql';
import { ExportButton } from './ExportButton';

interface StationPartProps {
  planId: string;
  version: number;
  decidable: boolean;
  reload: () => void;
}

export function StationPart({ planId, version, decidable, reload }: StationPartProps) {
  const i18n = useI18n();
  const { t, number } = i18n;
  const [stations] = useQuery({ query: CASELOAD_STATIONS_QUERY, variables: { first: 100 } });
  const options = stations.data?.stations.edges.map((e) => e.node) ?? [];
  const [chosen, setChosen] = useState('');
  const station = options.find((s) => s.id === chosen) ?? options[0];
  const [state, approve] = useMutation(APPROVE_PLAN_PART_MUTATION);
  const [, exportPlan] = useMutation(EXPORT_PLAN_MUTATION);
  const [message, setMessage] = useState<string | null>(null);

  async function approvePart() {
    if (!station) return;
    const res = await approve({ planId, expectedVersion: version, stationId: station.id });
    const payload = res.data?.approveCaseloadPlan;
    switch (payload?.__typename) {
      case 'ApproveCaseloadPlanSuccess':
        setMessage(t('plan.partApproved', { station: station.name, activated: number(payload.activated) }));
        reload();
        break;
      case undefined:
        setMessage(t('error.network'));
        break;
      case 'Conflict':
      case 'InvalidInput':
      case 'NotFound':
      case 'StalePlan':
      case 'StaleVersion':
        setMessage(t('plan.refused', { message: commonRefusalText(i18n, payload, ['plan.err.']) }));
        break;
      default:
        unreachable(payload);
    }
  }

  if (!station) return null;
  return (
    <section className="card" data-testid="plan-station-part">
      <h2>{t('plan.byStation')}</h2>
      <label>
        <span className="field-label">{t('dashboard.station')}</span>
        <select value={station.id} onChange={(e) => setChosen(e.target.value)} data-testid="part-station">
          {options.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>{' '}
      <ExportButton
        label={t('plan.exportPart')}
        testId="plan-part-export"
        start={async () => (await exportPlan({ planId, stationId: station.id })).data?.exportCaseloadPlan}
      />{' '}
      {decidable && (
        <button type="button" onClick={() => void approvePart()} disabled={state.fetching} data-testid="plan-part-approve">
          {t('plan.approvePart')}
        </button>
      )}
      {message && (
        <p className="notice" role="status" data-testid="plan-part-outcome">
          {message}
        </p>
      )}
    </section>
  );
}

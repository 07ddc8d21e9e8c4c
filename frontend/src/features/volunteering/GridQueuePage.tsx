import './volunteering.css';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { unreachable } from '../../app/exhaustive';
import { useI18n } from '../../app/i18n';
import { Loading, QueryError, requestErrorText } from '../../components/QueryState';
import type {
  ConfirmGridReportMutation,
  DismissGridReportMutation,
  GridReportQueueQuery,
  Urgency,
} from '../../graphql/graphql';
import { fieldProblems, refusal } from './errors';
import {
  CONFIRM_GRID_REPORT_MUTATION,
  DISMISS_GRID_REPORT_MUTATION,
  GRID_REPORT_QUEUE_QUERY,
  VILLAGE_HOUSEHOLDS_QUERY,
} from './volunteering.graphql';

type Report = GridReportQueueQuery['gridReports'][number];
type Refused =
  | Exclude<ConfirmGridReportMutation['confirmGridReport'], { __typename: 'ConfirmGridReportSuccess' }>
  | Exclude<DismissGridReportMutation['dismissGridReport'], { __typename: 'DismissGridReportSuccess' }>;

/** 网格发现: the station's queue of reports to confirm (link a household) or dismiss. */
export function GridQueuePage() {
  const { t } = useI18n();
  const [queue, refetch] = useQuery({ query: GRID_REPORT_QUEUE_QUERY, variables: { status: 'PENDING' } });
  const [notice, setNotice] = useState<string | null>(null);
  if (queue.error) return <QueryError error={queue.error} />;
  if (!queue.data) return <Loading />;
  const reports = queue.data.gridReports;
  return (
    <section data-testid="grid-queue">
      <h1>{t('grid.queue.title')}</h1>
      <p className="muted">{t('grid.queue.intro')}</p>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {reports.length === 0 && <p className="muted">{t('grid.queue.none')}</p>}
      <ul className="vol-cards">
        {reports.map((r) => (
          <ReportCard
            key={r.id}
            report={r}
            onDone={(text) => {
              setNotice(text);
              refetch({ requestPolicy: 'network-only' });
            }}
          />
        ))}
      </ul>
    </section>
  );
}

function ReportCard({ report, onDone }: { report: Report; onDone: (text: string) => void }) {
  const { t, label, dateTime } = useI18n();
  const [open, setOpen] = useState(false);
  const [households] = useQuery({ query: VILLAGE_HOUSEHOLDS_QUERY, variables: { villageId: report.villageId }, pause: !open });
  const [householdId, setHouseholdId] = useState('');
  const [cost, setCost] = useState('0');
  const [urgency, setUrgency] = useState<Urgency>('MEDIUM');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [, confirm] = useMutation(CONFIRM_GRID_REPORT_MUTATION);
  const [, dismiss] = useMutation(DISMISS_GRID_REPORT_MUTATION);

  // Confirming and dismissing are refused the same ways.
  const refusedText = (r: Refused): string => {
    switch (r.__typename) {
      case 'InvalidInput':
        return Object.values(fieldProblems(t, r.errors)).join(' ');
      case 'StaleVersion':
        return t('vol.error.stale');
      case 'Conflict':
      case 'NotFound':
        return refusal(t, r.code);
      default:
        return unreachable(r);
    }
  };

  const doConfirm = async () => {
    if (!householdId) return setProblem(t('grid.queue.pick'));
    const res = await confirm({
      input: {
        reportId: report.id,
        expectedVersion: report.version,
        householdId,
        ...(report.kind === 'NEED' ? { estimatedCost: Number(cost) || 0, urgency } : {}),
      },
    });
    const r = res.data?.confirmGridReport;
    if (!r) return setProblem(requestErrorText({ t }, res.error));
    switch (r.__typename) {
      case 'ConfirmGridReportSuccess':
        return onDone(t('grid.queue.confirmed'));
      case 'InvalidInput':
      case 'StaleVersion':
      case 'Conflict':
      case 'NotFound':
        return setProblem(refusedText(r));
      default:
        return unreachable(r);
    }
  };
  const doDismiss = async () => {
    if (!reason.trim()) return setProblem(`${t('grid.queue.reason')}: ${t('vol.error.MISSING_VALUE')}`);
    const res = await dismiss({ id: report.id, version: report.version, reason: reason.trim() });
    const r = res.data?.dismissGridReport;
    if (!r) return setProblem(requestErrorText({ t }, res.error));
    switch (r.__typename) {
      case 'DismissGridReportSuccess':
        return onDone(t('grid.queue.dismissed'));
      case 'InvalidInput':
      case 'StaleVersion':
      case 'Conflict':
      case 'NotFound':
        return setProblem(refusedText(r));
      default:
        return unreachable(r);
    }
  };

  return (
    <li className="vol-card" data-testid="grid-queue-item">
      <div className="vol-card-head">
        <strong>
          {report.kind === 'NEED'
            ? label('NeedKind', report.needKind)
            : label('ReportableEvent', report.indicator ?? 'HOSPITALISATION')}
        </strong>
        {report.overdue && <span className="badge badge-red">{t('grid.queue.overdue')}</span>}
      </div>
      <p>{report.description}</p>
      <p className="muted">
        {report.villageName} · {dateTime(report.reportedAt)} · {t('grid.queue.due', { due: dateTime(report.dueAt) })}
      </p>
      {!open ? (
        <button type="button" onClick={() => setOpen(true)}>
          {t('grid.queue.confirm')} / {t('grid.queue.dismiss')}
        </button>
      ) : (
        <div className="vol-form">
          <label>
            {t('grid.queue.household')}
            <select value={householdId} onChange={(e) => setHouseholdId(e.target.value)} data-testid="grid-household">
              <option value="">{t('grid.queue.pick')}</option>
              {(households.data?.households.edges ?? []).map(({ node }) => (
                <option key={node.id} value={node.id}>
                  {node.identity?.headName ?? node.id}
                </option>
              ))}
            </select>
          </label>
          {report.kind === 'NEED' && (
            <>
              <label>
                {t('grid.queue.cost')}
                <input type="number" min={0} value={cost} onChange={(e) => setCost(e.target.value)} />
              </label>
              <label>
                {t('grid.queue.urgency')}
                <select value={urgency} onChange={(e) => setUrgency(e.target.value as Urgency)}>
                  {(['LOW', 'MEDIUM', 'HIGH'] as const).map((u) => (
                    <option key={u} value={u}>
                      {label('Urgency', u)}
                    </option>
                  ))}
                </select>
              </label>
            </>
          )}
          <button type="button" className="primary" onClick={() => void doConfirm()} data-testid="grid-confirm">
            {t('grid.queue.confirm')}
          </button>
          <label>
            {t('grid.queue.reason')}
            <input value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          <button type="button" onClick={() => void doDismiss()}>
            {t('grid.queue.dismiss')}
          </button>
          {problem && (
            <p className="notice notice-error" role="alert">
              {problem}
            </p>
          )}
        </div>
      )}
    </li>
  );
}

// Starts an export job, shows its progress, then downloads the file with the session's token
// (the download URL opens nothing without it).
import { useCallback, useState } from 'react';
import { useAuth } from '../../app/auth';
import { unreachable } from '../../app/exhaustive';
import { useI18n } from '../../app/i18n';
import { commonRefusalText } from '../../app/refusal';
import { jobText } from '../../app/serverText';
import { JobProgress, type Job } from '../../components/JobProgress';
import type {
  ExportCaseloadPlanMutation,
  ExportDashboardMutation,
  ExportGapsMutation,
  ExportHouseholdsMutation,
} from '../../graphql/graphql';

/** What an export mutation answered: started (a job and its download URL) or refused. */
export type ExportAnswer =
  | ExportDashboardMutation['exportDashboard']
  | ExportHouseholdsMutation['exportHouseholds']
  | ExportCaseloadPlanMutation['exportCaseloadPlan']
  | ExportGapsMutation['exportGaps'];

interface ExportButtonProps {
  start: () => Promise<ExportAnswer | null | undefined>;
  label: string;
  testId: string;
}

function filenameOf(header: string | null): string {
  const match = /filename\*=UTF-8''([^;]+)/i.exec(header ?? '');
  return match ? decodeURIComponent(match[1]) : 'export.xlsx';
}

export function ExportButton({ start, label, testId }: ExportButtonProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const { token } = useAuth();
  const [running, setRunning] = useState<{ jobId: string; url: string } | null>(null);
  const [outcome, setOutcome] = useState<'ready' | { failed: string } | null>(null);

  const begin = async () => {
    setOutcome(null);
    const answer = await start();
    switch (answer?.__typename) {
      case 'ExportStarted':
        setRunning({ jobId: answer.job.id, url: answer.downloadUrl });
        break;
      case undefined:
        setOutcome({ failed: '' });
        break;
      case 'JobQueueUnavailable':
        setOutcome({ failed: t('error.queueDown') });
        break;
      case 'InvalidInput':
      case 'NotFound':
        setOutcome({ failed: commonRefusalText(i18n, answer) });
        break;
      default:
        unreachable(answer);
    }
  };

  const finished = useCallback(
    async (job: Job | null) => {
      const url = running?.url;
      setRunning(null);
      if (!job || job.status !== 'SUCCEEDED' || !url) {
        setOutcome({ failed: jobText(i18n, job?.message, job?.messageParams) });
        return;
      }
      const response = await fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
      if (!response.ok) {
        setOutcome({ failed: String(response.status) });
        return;
      }
      const blob = await response.blob();
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = filenameOf(response.headers.get('content-disposition'));
      document.body.appendChild(link);
      link.click();
      link.remove();
      URL.revokeObjectURL(link.href);
      setOutcome('ready');
    },
    [running, token],
  );

  return (
    <span className="export-button">
      <button type="button" onClick={() => void begin()} disabled={running !== null} data-testid={testId}>
        {running ? t('dashboard.exporting') : label}
      </button>
      {running && <JobProgress jobId={running.jobId} onDone={(job) => void finished(job)} showError={false} />}
      {outcome === 'ready' && (
        <span className="notice notice-success" role="status" data-testid={`${testId}-ready`}>
          {t('dashboard.exportReady')}
        </span>
      )}
      {outcome !== null && outcome !== 'ready' && (
        <span className="notice notice-error" role="alert">
          {t('dashboard.exportFailed', { message: outcome.failed })}
        </span>
      )}
    </span>
  );
}

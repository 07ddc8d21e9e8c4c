import { useEffect, useRef } from 'react';
import { useQuery } from 'urql';
import { useI18n } from '../app/i18n';
import { jobText } from '../app/serverText';
import { JOB_DONE_STATUSES } from '../app/enums';
import type { JobProgressQuery } from '../graphql/graphql';
import { JOB_QUERY } from './job.graphql';

/** A long-running job (Query.job): status QUEUED | RUNNING | SUCCEEDED | FAILED. */
export type Job = NonNullable<JobProgressQuery['job']>;

/** How often a running job is asked for its progress. */
export const JOB_POLL_MS = 700;

/**
 * Polls `job(id)` every `intervalMs` until it SUCCEEDED or FAILED. The job may be null when it
 * is unknown (expired, or another user's).
 */
export function useJob(jobId: string | null, intervalMs = JOB_POLL_MS) {
  const [{ data, error }, reexecute] = useQuery({
    query: JOB_QUERY,
    variables: { id: jobId ?? '' },
    pause: !jobId,
    requestPolicy: 'network-only',
  });
  const job = data?.job ?? null;
  const answered = data !== undefined;
  const done = answered && (job === null || JOB_DONE_STATUSES.has(job.status));
  useEffect(() => {
    if (!jobId || done) return;
    const timer = setInterval(() => reexecute({ requestPolicy: 'network-only' }), intervalMs);
    return () => clearInterval(timer);
  }, [jobId, done, intervalMs, reexecute]);
  return { job, error, done, lost: answered && job === null };
}

interface JobProgressProps {
  jobId: string;
  /** Called once, when the job has SUCCEEDED or FAILED (or turned out not to exist: null). */
  onDone?: (job: Job | null) => void;
  title?: string;
  intervalMs?: number;
  /** Show the job's error under the bar (off when the caller shows the failure itself). */
  showError?: boolean;
}

/** A progress bar with the job's own message, polling until the job ends. */
export function JobProgress({ jobId, onDone, title, intervalMs, showError = true }: JobProgressProps) {
  const { job, done, lost } = useJob(jobId, intervalMs);
  const reported = useRef<string | null>(null);
  useEffect(() => {
    if (!done || !onDone || reported.current === jobId) return;
    reported.current = jobId;
    onDone(job);
  }, [done, job, jobId, onDone]);
  return <ProgressView job={job} title={title} lost={lost} showError={showError} />;
}

interface ProgressViewProps {
  job: Job | null;
  title?: string;
  lost?: boolean;
  showError?: boolean;
}

export function ProgressView({ job, title, lost = false, showError = true }: ProgressViewProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const status = job?.status ?? 'QUEUED';
  const progress = status === 'SUCCEEDED' ? 1 : Math.max(0, Math.min(1, job?.progress ?? 0));
  const percent = Math.round(progress * 100);
  const fallback = status === 'QUEUED' ? t('job.queued') : t('job.running');
  return (
    <div
      className={`job-progress job-${status.toLowerCase()}`}
      data-testid="job-progress"
      data-status={lost ? 'LOST' : status}
      role="status"
      aria-live="polite"
    >
      {title && <p className="job-title">{title}</p>}
      <div className="job-bar">
        <span
          className="job-track"
          role="progressbar"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-label={title ?? fallback}
        >
          <span className="job-fill" style={{ width: `${percent}%` }} />
        </span>
        <span className="job-percent">{t('job.percent', { percent })}</span>
      </div>
      <p className="job-message" data-testid="job-message">
        {lost ? t('job.lost') : jobText(i18n, job?.message, job?.messageParams) || fallback}
      </p>
      {showError && status === 'FAILED' && job?.error && (
        <p className="notice notice-error" role="alert" data-testid="job-error">
          {t('job.failed', { error: jobText(i18n, job.message, job.messageParams) || job.error })}
        </p>
      )}
    </div>
  );
}

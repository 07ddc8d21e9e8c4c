import { useCallback, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { useI18n } from '../../app/i18n';
import { commonRefusalText } from '../../app/refusal';
import { JobProgress, type Job } from '../../components/JobProgress';
import { unreachable } from '../../app/exhaustive';
import type { RequestCaseloadPlanInput, WhatIfInput } from '../../graphql/graphql';
import { REQUEST_PLAN_MUTATION } from './caseload.graphql';
import { requestErrorText } from '../../components/QueryState';

export type { RequestCaseloadPlanInput as RequestPlanInput, WhatIfInput };

export interface PlanRequest {
  start: (input: RequestCaseloadPlanInput) => Promise<void>;
  /** The mutation is on its way. */
  sending: boolean;
  /** A plan is being computed (its job polled). */
  running: { planId: string; jobId: string } | null;
  problem: string | null;
  lostPlanId: string | null;
  onJobDone: (job: Job | null) => void;
}

/**
 * Requests a caseload plan, then follows its job; when the job ends the plan opens
 * (`/caseload/plans/:id`, which also shows a failure).
 */
export function usePlanRequest(): PlanRequest {
  const i18n = useI18n();
  const { t } = i18n;
  const navigate = useNavigate();
  const [running, setRunning] = useState<{ planId: string; jobId: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [lostPlanId, setLostPlanId] = useState<string | null>(null);
  const [{ fetching }, send] = useMutation(REQUEST_PLAN_MUTATION);

  const start = useCallback(
    async (input: RequestCaseloadPlanInput) => {
      setProblem(null);
      setLostPlanId(null);
      const res = await send({ input });
      const payload = res.data?.requestCaseloadPlan;
      if (!payload) {
        setProblem(requestErrorText(i18n, res.error));
        return;
      }
      switch (payload.__typename) {
        case 'RequestCaseloadPlanSuccess':
          setRunning({ planId: payload.plan.id, jobId: payload.job.id });
          break;
        case 'InvalidInput':
        case 'NotFound':
          setProblem(t('caseload.requestFailed', { message: commonRefusalText(i18n, payload, ['caseload.err.']) }));
          break;
        case 'JobQueueUnavailable':
          setProblem(t('error.queueDown'));
          break;
        default:
          unreachable(payload);
      }
    },
    [send, t],
  );

  const planId = running?.planId;
  const onJobDone = useCallback(
    (job: Job | null) => {
      if (!planId) return;
      if (job === null) {
        setRunning(null);
        setLostPlanId(planId);
        return;
      }
      navigate(`/caseload/plans/${encodeURIComponent(planId)}`);
    },
    [navigate, planId],
  );

  return { start, sending: fetching, running, problem, lostPlanId, onJobDone };
}

/** The progress of a requested plan, or why it could not be requested. */
export function PlanRequestStatus({ request, intervalMs }: { request: PlanRequest; intervalMs?: number }) {
  const { t } = useI18n();
  return (
    <>
      {request.running && (
        <div className="card plan-progress" data-testid="plan-progress">
          <JobProgress
            key={request.running.jobId}
            jobId={request.running.jobId}
            onDone={request.onJobDone}
            title={t('caseload.computing')}
            intervalMs={intervalMs}
          />
        </div>
      )}
      {request.problem && (
        <p className="notice notice-error" role="alert" data-testid="plan-request-error">
          {request.problem}
        </p>
      )}
      {request.lostPlanId && (
        <p className="notice" data-testid="plan-request-lost">
          {t('job.lost')}{' '}
          <Link to={`/caseload/plans/${encodeURIComponent(request.lostPlanId)}`}>{t('caseload.openPlan')}</Link>
        </p>
      )}
    </>
  );
}

import { useCallback, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { CASELOAD_ACT_ROLES, CASELOAD_VIEW_ROLES, hasRole } from '../../app/roles';
import { JobProgress } from '../../components/JobProgress';
import { jobText } from '../../app/serverText';
import { Loading, QueryError } from '../../components/QueryState';
import { Proposals } from './Proposals';
import { Decision } from './PlanDecision';
import { StationPart } from '../dashboard/StationPart';
import { PlanHeader, SummaryCompare, WhatIfBanner, WorkerLoads } from './PlanOverview';
import { DECIDABLE_STATUSES, PROPOSAL_KINDS, type CaseloadPlan, type ProposalKind, type WhatIf } from './types';
import { CASELOAD_PLAN_QUERY } from './caseload.graphql';

export function PlanPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { user } = useAuth();
  const [{ data, error, fetching }, reexecute] = useQuery({
    query: CASELOAD_PLAN_QUERY,
    variables: { id },
  });
  const reload = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);

  if (!hasRole(user, CASELOAD_VIEW_ROLES)) {
    return (
      <section className="page" data-testid="plan-page">
        <p className="notice">{t('caseload.forbidden')}</p>
      </section>
    );
  }

  const plan = data?.caseloadPlan;
  return (
    <section className="page" data-testid="plan-page" data-status={plan?.status ?? ''}>
      <p className="breadcrumb">
        <Link to="/caseload">‹ {t('nav.caseload')}</Link>
      </p>
      {error && <QueryError error={error} />}
      {!data && fetching && <Loading />}
      {data && plan == null && (
        <p className="notice" data-testid="plan-not-found">
          {t('error.notFound')}
        </p>
      )}
      {plan && <PlanView key={plan.id} plan={plan} canAct={hasRole(user, CASELOAD_ACT_ROLES)} reload={reload} />}
    </section>
  );
}

export function PlanView({ plan, canAct, reload }: { plan: CaseloadPlan; canAct: boolean; reload: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [searchParams, setSearchParams] = useSearchParams();
  const tabParam = searchParams.get('tab');
  const kind: ProposalKind = (PROPOSAL_KINDS as string[]).includes(tabParam ?? '') ? (tabParam as ProposalKind) : 'NEW';
  const setKind = (k: ProposalKind) => {
    const next = new URLSearchParams(searchParams);
    next.set('tab', k);
    setSearchParams(next, { replace: true });
  };

  const [selection, setSelection] = useState<Set<string>>(new Set());
  const select = useCallback((ids: string[], on: boolean) => {
    setSelection((s) => {
      const next = new Set(s);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  }, []);

  const decidable = canAct && !plan.isWhatIf && DECIDABLE_STATUSES.has(plan.status) && plan.summary != null;

  return (
    <>
      <PlanHeader plan={plan} />
      {plan.isWhatIf && <WhatIfBanner whatIf={plan.whatIf as WhatIf | null} />}
      {plan.status === 'COMPUTING' && plan.job && (
        <div className="card plan-progress" data-testid="plan-progress">
          <JobProgress jobId={plan.job.id} onDone={reload} title={t('plan.computing')} />
        </div>
      )}
      {plan.status === 'COMPUTING' && !plan.job && <p className="notice">{t('plan.computing')}</p>}
      {plan.status === 'FAILED' && (
        <p className="notice notice-error" role="alert" data-testid="plan-failed">
          {t('plan.failed')} {jobText(i18n, plan.job?.message, plan.job?.messageParams)}
        </p>
      )}
      {plan.summary && (
        <>
          <Decision
            plan={plan}
            summary={plan.summary}
            decidable={decidable}
            canAct={canAct}
            selection={selection}
            clearSelection={() => setSelection(new Set())}
            reload={reload}
          />
          {plan.scopeKind === 'COUNTY' && (
            <StationPart planId={plan.id} version={plan.version} decidable={decidable} reload={reload} />
          )}
          <SummaryCompare summary={plan.summary} />
          {plan.workerLoads.length > 0 && <WorkerLoads loads={plan.workerLoads} summary={plan.summary} />}
          <Proposals
            planId={plan.id}
            version={plan.version}
            summary={plan.summary}
            kind={kind}
            onKind={setKind}
            selection={decidable ? selection : null}
            onSelect={select}
          />
        </>
      )}
    </>
  );
}


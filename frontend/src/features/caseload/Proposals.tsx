import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { useI18n } from '../../app/i18n';
import { leftOutText, nextBestNoteParts } from '../../app/serverText';
import { WarningBadge } from '../../components/Badges';
import { Pager, useCursorPaging } from '../../components/Pager';
import { Loading, QueryError } from '../../components/QueryState';
import { KindBadge, ReasonChips } from './PlanBadges';
import {
  APPROVABLE_KINDS,
  DECIDED_ITEM_STATUSES,
  PROPOSAL_KINDS,
  type PlanSummary,
  type Proposal,
  type ProposalKind,
  type WorkerRef,
} from './types';
import { PLAN_PROPOSALS_QUERY } from './caseload.graphql';

export const PROPOSALS_PAGE = 50;

export function kindCount(summary: PlanSummary, kind: ProposalKind): number {
  switch (kind) {
    case 'NEW':
      return summary.newCount;
    case 'MOVED':
      return summary.movedCount;
    case 'UNCHANGED':
      return summary.unchangedCount;
    case 'LEFT_OUT':
      return summary.leftOutCount;
  }
}

/** The household's head, or its id when the viewer may not see who it is. */
/** The head's name; a household whose name the role may not see (or that is gone) is said
 * so, never shown by its id. */
export function householdName(p: Proposal, t: ReturnType<typeof useI18n>['t']): string {
  return p.household?.identity?.headName ?? t('household.anonymous');
}

/** A worker's name; a what-if scenario's hypothetical worker has none, only an id. */
export function useWorkerName() {
  const { t } = useI18n();
  return (worker: WorkerRef | null, id?: string | null): string =>
    worker?.name ?? (id ? t('plan.hypotheticalWorker') : t('common.none'));
}

interface ProposalsProps {
  planId: string;
  /** The plan's version: when a decision bumps it, the rows are fetched again (their status). */
  version: number;
  summary: PlanSummary;
  kind: ProposalKind;
  onKind: (kind: ProposalKind) => void;
  /** Selection of household ids to approve; null when the plan cannot be approved. */
  selection: Set<string> | null;
  onSelect: (householdIds: string[], on: boolean) => void;
}

export function Proposals({ planId, version, summary, kind, onKind, selection, onSelect }: ProposalsProps) {
  const { t, label, number } = useI18n();
  // The kind is the reset key: another tab starts at its first page.
  const paging = useCursorPaging(`plan.${planId}`, kind);
  const [{ data, error, fetching }, reexecute] = useQuery({
    query: PLAN_PROPOSALS_QUERY,
    variables: { id: planId, kind, first: PROPOSALS_PAGE, after: paging.after },
  });
  const seenVersion = useRef(version);
  useEffect(() => {
    if (seenVersion.current === version) return;
    seenVersion.current = version;
    reexecute({ requestPolicy: 'network-only' });
  }, [version, reexecute]);
  const [pinned, setPinned] = useState<Proposal | null>(null);
  const [hovered, setHovered] = useState<Proposal | null>(null);

  const connection = data?.caseloadPlan?.proposals;
  const rows = connection?.edges.map((e) => e.node) ?? [];
  const selectable = selection != null && APPROVABLE_KINDS.has(kind);
  const pageIds = selectable ? rows.filter((p) => p.status === 'PROPOSED').map((p) => p.householdId) : [];
  const allOnPage = pageIds.length > 0 && pageIds.every((id) => selection?.has(id));
  const shown = pinned ?? hovered;
  const columns = 8 + (selectable ? 1 : 0);

  return (
    <section className="card card-wide proposals" data-testid="proposals">
      <h2>{t('plan.proposals')}</h2>
      <div className="tabs" role="tablist" aria-label={t('plan.proposals')}>
        {PROPOSAL_KINDS.map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            aria-selected={k === kind}
            className={`tab tab-${k.toLowerCase().replace('_', '-')}${k === kind ? ' active' : ''}`}
            onClick={() => {
              setPinned(null);
              setHovered(null);
              onKind(k);
            }}
            data-testid={`tab-${k}`}
          >
            {label('ProposalKind', k)}
            <span className="tab-count" data-testid={`tab-count-${k}`}>
              {number(kindCount(summary, k))}
            </span>
          </button>
        ))}
      </div>

      <div className="proposals-body">
        <div className="proposals-table">
          {error && <QueryError error={error} />}
          {!connection && fetching && <Loading />}
          {connection && (
            <>
              <div className="table-wrap">
                <table className="data" data-testid="proposals-table" aria-busy={fetching} onMouseLeave={() => setHovered(null)}>
                  <thead>
                    <tr>
                      {selectable && (
                        <th className="check">
                          <input
                            type="checkbox"
                            checked={allOnPage}
                            onChange={(e) => onSelect(pageIds, e.target.checked)}
                            aria-label={t('plan.selectPage')}
                            title={t('plan.selectPage')}
                            data-testid="select-page"
                          />
                        </th>
                      )}
                      <th>{t('plan.head')}</th>
                      <th>{t('plan.village')}</th>
                      <th>{t('plan.warning')}</th>
                      <th>{kind === 'MOVED' ? `${t('plan.from')} → ${t('plan.to')}` : kind === 'LEFT_OUT' ? t('plan.from') : t('plan.to')}</th>
                      <th className="num">{t('plan.distance')}</th>
                      <th>{kind === 'LEFT_OUT' ? t('plan.leftOutReason') : t('plan.reasons')}</th>
                      <th>{t('plan.nextBest')}</th>
                      <th aria-label={t('plan.why')} />
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((p) => {
                      const name = householdName(p, t);
                      const active = shown?.id === p.id;
                      return (
                        <tr
                          key={p.id}
                          data-testid="proposal-row"
                          data-kind={p.kind}
                          data-warning={p.warningLevel}
                          className={`proposal-row${active ? ' active' : ''}`}
                          onMouseEnter={() => setHovered(p)}
                          onClick={() => setPinned((cur) => (cur?.id === p.id ? null : p))}
                        >
                          {selectable && (
                            <td className="check" onClick={(e) => e.stopPropagation()}>
                              <input
                                type="checkbox"
                                checked={selection?.has(p.householdId) ?? false}
                                disabled={p.status !== 'PROPOSED'}
                                onChange={(e) => onSelect([p.householdId], e.target.checked)}
                                aria-label={t('plan.select', { name })}
                                data-testid="proposal-select"
                              />
                            </td>
                          )}
                          <td>
                            <span className={p.household?.identity ? undefined : 'mono'}>{name}</span>
                            {DECIDED_ITEM_STATUSES.has(p.status) && (
                              <span
                                className={`badge item-status item-${p.status.toLowerCase().replace('_', '-')}`}
                                data-testid="item-status"
                              >
                                {label('ProposalStatus', p.status)}
                              </span>
                            )}
                          </td>
                          <td>{p.household?.village.name ?? t('common.none')}</td>
                          <td>
                            <WarningBadge level={p.warningLevel} />
                          </td>
                          <td className="nowrap">
                            <WorkerCell proposal={p} />
                          </td>
                          <td className="num">
                            {p.distanceKm != null ? t('common.km', { km: number(p.distanceKm, 1) }) : t('common.none')}
                          </td>
                          <td>
                            {p.kind === 'LEFT_OUT' ? (
                              <span className="chip reason reason-caution" data-code={p.leftOutReason ?? ''}>
                                {label('LeftOutReason', p.leftOutReason)}
                              </span>
                            ) : (
                              <ReasonChips reasons={p.reasons} />
                            )}
                          </td>
                          <td className="small">
                            {p.nextBestWorker && p.kind !== 'LEFT_OUT' ? (
                              <>
                                {p.nextBestWorker.name}
                                {p.nextBestExtraKm != null && (
                                  <span className="muted"> {signedKm(p.nextBestExtraKm, number)}</span>
                                )}
                              </>
                            ) : (
                              <span className="muted">{t('common.none')}</span>
                            )}
                          </td>
                          <td className="actions">
                            <button
                              type="button"
                              className="link"
                              onClick={(e) => {
                                e.stopPropagation();
                                setPinned((cur) => (cur?.id === p.id ? null : p));
                              }}
                              aria-pressed={pinned?.id === p.id}
                              data-testid="proposal-why"
                            >
                              {t('plan.why')}
                            </button>
                          </td>
                        </tr>
                      );
                    })}
                    {rows.length === 0 && (
                      <tr>
                        <td colSpan={columns} className="empty" data-testid="proposals-empty">
                          {t('plan.noProposals')}
                        </td>
                      </tr>
                    )}
                  </tbody>
                </table>
              </div>
              <Pager
                paging={paging}
                totalCount={connection.totalCount}
                hasNextPage={connection.pageInfo.hasNextPage}
                endCursor={connection.pageInfo.endCursor}
                fetching={fetching}
              />
            </>
          )}
        </div>
        <Explanation proposal={shown} pinned={pinned != null} onUnpin={() => setPinned(null)} />
      </div>
    </section>
  );
}

function signedKm(km: number, number: (v: number, d?: number) => string): string {
  return `${km >= 0 ? '+' : '−'}${number(Math.abs(km), 1)} km`;
}

function WorkerCell({ proposal: p }: { proposal: Proposal }) {
  const { t } = useI18n();
  const name = useWorkerName();
  if (p.kind === 'MOVED') {
    return (
      <span className="move" data-testid="move">
        <span className="move-from">{name(p.fromWorker)}</span>
        <span className="move-arrow" aria-hidden="true">
          →
        </span>
        <strong className="move-to">{name(p.toWorker, p.toWorkerId)}</strong>
      </span>
    );
  }
  if (p.kind === 'LEFT_OUT') {
    return p.fromWorker ? <span>{p.fromWorker.name}</span> : <span className="unassigned">{t('households.unassigned')}</span>;
  }
  return <span>{name(p.toWorker, p.toWorkerId)}</span>;
}

export function Explanation({
  proposal: p,
  pinned,
  onUnpin,
}: {
  proposal: Proposal | null;
  pinned: boolean;
  onUnpin: () => void;
}) {
  const i18n = useI18n();
  const { t, label, number } = i18n;
  const workerName = useWorkerName();
  if (!p) {
    return (
      <aside className="explain explain-empty" data-testid="proposal-explanation">
        <p className="muted">{t('plan.explainHint')}</p>
      </aside>
    );
  }
  const km = (v: number) => t('common.km', { km: number(v, 1) });
  const leftOut = leftOutText(
    i18n,
    p.leftOutReason,
    p.nextBestWorker ? { name: p.nextBestWorker.name, km: p.nextBestExtraKm != null ? km(p.nextBestExtraKm) : t('common.none') } : null,
  );
  return (
    <aside className="explain" data-testid="proposal-explanation" data-kind={p.kind} data-proposal={p.id}>
      <header className="explain-head">
        <h3>{householdName(p, t)}</h3>
        <span className="explain-badges">
          <KindBadge kind={p.kind} />
          <WarningBadge level={p.warningLevel} />
        </span>
        {pinned && (
          <button type="button" className="link small" onClick={onUnpin}>
            {t('plan.unpin')}
          </button>
        )}
      </header>
      <p className="muted small">{p.household?.village.name ?? t('common.none')}</p>

      {p.kind !== 'LEFT_OUT' && (p.toWorker || p.toWorkerId) && (
        <p className="explain-lead">
          {t('plan.assignedTo', {
            name: workerName(p.toWorker, p.toWorkerId),
            km: p.distanceKm != null ? km(p.distanceKm) : t('common.none'),
          })}
        </p>
      )}
      {p.kind === 'MOVED' && p.fromWorker && <p className="muted">{t('plan.movedFrom', { name: p.fromWorker.name })}</p>}

      {p.kind !== 'LEFT_OUT' && p.reasons.length > 0 && (
        <>
          <h4>{t('plan.reasons')}</h4>
          <ul className="explain-reasons" data-testid="explain-reasons">
            {p.reasons.map((r) => (
              <li key={r} data-code={r}>
                <ReasonChips reasons={[r]} />
                <span>{label('PairingReasonLong', r)}</span>
              </li>
            ))}
          </ul>
        </>
      )}

      {p.kind !== 'LEFT_OUT' && (
        <>
          <h4>{t('plan.nextBest')}</h4>
          <p data-testid="explain-next-best">
            {p.nextBestWorker
              ? p.nextBestExtraKm != null && p.nextBestExtraKm < 0
                ? t('plan.nextBestNearer', { name: p.nextBestWorker.name, km: km(-p.nextBestExtraKm) })
                : t('plan.nextBestFarther', { name: p.nextBestWorker.name, km: km(p.nextBestExtraKm ?? 0) })
              : t('plan.noNextBest')}
          </p>
          {nextBestNoteParts(i18n, p.nextBestNote).length > 0 && (
            <p className="muted small explain-note">{nextBestNoteParts(i18n, p.nextBestNote).join(i18n.lang === 'en' ? '; ' : '；')}</p>
          )}
        </>
      )}

      {p.kind === 'LEFT_OUT' && (
        <>
          <h4>{t('plan.leftOutReason')}</h4>
          <p className="explain-lead" data-testid="explain-left-out">
            {label('LeftOutReason', p.leftOutReason)}
          </p>
          {leftOut.nearest && <p className="muted small">{leftOut.nearest}</p>}
          {leftOut.change && (
            <>
              <h4>{t('plan.whatWouldChange')}</h4>
              <p data-testid="explain-what-would-change">{leftOut.change}</p>
            </>
          )}
        </>
      )}

      {p.household && (
        <p className="explain-link">
          <Link to={`/households/${encodeURIComponent(p.household.id)}`}>{t('plan.openHousehold')} ›</Link>
        </p>
      )}
    </aside>
  );
}

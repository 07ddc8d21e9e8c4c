import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { useI18n } from '../../app/i18n';
import { ENUM_LABELS } from '../../app/messages';
import { addDays, parseDay, withOffset } from '../../app/time';
import { useCursorPaging } from '../../components/Pager';
import { PagedList } from '../../components/PagedList';
import { useDebounced } from '../../components/useDebounced';
import { AUDIT_EVENTS_QUERY } from './audit.graphql';
import { reasonText } from '../../app/codeText';
import { auditValue, fieldLabel } from './auditText';
import type { AuditEventsQuery } from '../../graphql/graphql';

/** An entry of the audit log (query AuditEvents). */
export type AuditEvent = AuditEventsQuery['auditEvents']['edges'][number]['node'];

export const AUDIT_PAGE_SIZE = 20;

export interface AuditParams {
  entityId: string;
  entityType: string;
  actorId: string;
  /** The chosen actor's name, for the chip (the id stays in the address, not on the page). */
  actorName: string;
  action: string;
  from: string;
  to: string;
}

export function readAuditParams(search: URLSearchParams): AuditParams {
  return {
    entityId: search.get('entity') ?? '',
    entityType: search.get('type') ?? '',
    actorId: search.get('actor') ?? '',
    actorName: search.get('actorName') ?? '',
    action: search.get('action') ?? '',
    from: parseDay(search.get('from')) ? (search.get('from') ?? '') : '',
    to: parseDay(search.get('to')) ? (search.get('to') ?? '') : '',
  };
}

function writeAuditParams(p: AuditParams): URLSearchParams {
  const out = new URLSearchParams();
  if (p.entityId.trim()) out.set('entity', p.entityId.trim());
  if (p.entityType) out.set('type', p.entityType);
  if (p.actorId.trim()) out.set('actor', p.actorId.trim());
  if (p.actorId.trim() && p.actorName) out.set('actorName', p.actorName);
  if (p.action.trim()) out.set('action', p.action.trim());
  if (p.from) out.set('from', p.from);
  if (p.to) out.set('to', p.to);
  return out;
}

/** The AuditEventFilter: dates are local days; `to` includes its whole day (the API's is exclusive). */
export function toAuditFilter(p: AuditParams): Record<string, string> {
  const f: Record<string, string> = {};
  if (p.entityId.trim()) f.entityId = p.entityId.trim();
  if (p.entityType) f.entityType = p.entityType;
  if (p.actorId.trim()) f.actorId = p.actorId.trim();
  if (p.action.trim()) f.action = p.action.trim().toUpperCase();
  const from = parseDay(p.from);
  if (from) f.from = withOffset(from);
  const to = parseDay(p.to);
  if (to) f.to = withOffset(addDays(to, 1));
  return f;
}

export type ChangeKind = 'added' | 'removed' | 'changed' | 'same';
export interface ChangeRow {
  key: string;
  before: unknown;
  after: unknown;
  change: ChangeKind;
}

function asObject(value: unknown): Record<string, unknown> | null {
  if (value == null) return null;
  if (typeof value === 'string') {
    try {
      const parsed: unknown = JSON.parse(value);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {
      // a plain string, not JSON
    }
    return { value };
  }
  if (typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  return { value };
}

/** Field by field: what was added, removed, changed (and what stayed, for the full view). */
export function diffJson(before: unknown, after: unknown): ChangeRow[] {
  const b = asObject(before) ?? {};
  const a = asObject(after) ?? {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
  return keys.map((key) => {
    const inB = key in b;
    const inA = key in a;
    const change: ChangeKind = !inB ? 'added' : !inA ? 'removed' : JSON.stringify(b[key]) === JSON.stringify(a[key]) ? 'same' : 'changed';
    return { key, before: b[key], after: a[key], change };
  });
}

const KNOWN_ACTIONS = Object.keys(ENUM_LABELS.AuditAction);
const KNOWN_TYPES = Object.keys(ENUM_LABELS.AuditEntityType);

export function AuditPage() {
  const { t, label } = useI18n();
  const [search, setSearch] = useSearchParams();
  const params = useMemo(() => readAuditParams(search), [search]);
  const [draft, setDraft] = useState(params);
  const settled = useDebounced(draft, 400);
  useEffect(() => setDraft(params), [params]);
  useEffect(() => {
    const next = writeAuditParams(settled);
    if (next.toString() !== search.toString()) setSearch(next, { replace: true });
  }, [settled]); // only when the typing settles

  const filter = useMemo(() => toAuditFilter(params), [params]);
  const paging = useCursorPaging('audit', JSON.stringify(filter));
  const [{ data, error, fetching }] = useQuery({
    query: AUDIT_EVENTS_QUERY,
    variables: { first: AUDIT_PAGE_SIZE, after: paging.after, filter },
  });
  const connection = data?.auditEvents;
  const focus = (patch: Partial<AuditParams>) => setSearch(writeAuditParams({ ...params, ...patch }), { replace: true });

  return (
    <section className="page" data-testid="audit-page">
      <header className="page-header">
        <div>
          <h1>{t('audit.title')}</h1>
          <p className="muted small">{t('audit.intro')}</p>
        </div>
      </header>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()} data-testid="audit-filters">
        <label className="field">
          <span className="field-label">{t('audit.action')}</span>
          {/* A choice, not free text: the actions by their names. */}
          <select value={draft.action} onChange={(e) => setDraft({ ...draft, action: e.target.value })} data-testid="audit-filter-action">
            <option value="">{t('common.all')}</option>
            {KNOWN_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {label('AuditAction', a)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('audit.entityType')}</span>
          <select value={draft.entityType} onChange={(e) => setDraft({ ...draft, entityType: e.target.value })} data-testid="audit-filter-type">
            <option value="">{t('common.all')}</option>
            {KNOWN_TYPES.map((x) => (
              <option key={x} value={x}>
                {label('AuditEntityType', x)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('audit.from')}</span>
          <input type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} data-testid="audit-filter-from" />
        </label>
        <label className="field">
          <span className="field-label">{t('audit.to')}</span>
          <input type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} data-testid="audit-filter-to" />
        </label>
        {params.actorId && (
          <button type="button" className="chip" onClick={() => focus({ actorId: '', actorName: '' })} title={t('audit.clearFilter')} data-testid="audit-chip-actor">
            {t('audit.onlyActor', { name: params.actorName || t('audit.someone') })} ×
          </button>
        )}
        {params.entityId && (
          <button type="button" className="chip" onClick={() => focus({ entityId: '' })} title={t('audit.clearFilter')} data-testid="audit-chip-entity">
            {t('audit.onlyEntity', { type: label('AuditEntityType', params.entityType) })} ×
          </button>
        )}
        {search.toString() !== '' && (
          <button type="button" className="link reset" onClick={() => setSearch({}, { replace: true })}>
            {t('common.reset')}
          </button>
        )}
      </form>
      <PagedList connection={connection} error={error} fetching={fetching} paging={paging}>
        {(rows) => (
          <>
            <ol className="audit-list" data-testid="audit-list" aria-busy={fetching}>
              {rows.map((e) => (
                <AuditItem
                  key={e.id}
                  event={e}
                  onEntity={() => focus({ entityId: e.entityId, entityType: e.entityType })}
                  onActor={() => focus({ actorId: e.actorId, actorName: e.actorName ?? '' })}
                />
              ))}
            </ol>
            {rows.length === 0 && <p className="empty-state">{t('audit.empty')}</p>}
          </>
        )}
      </PagedList>
    </section>
  );
}

export function AuditItem({ event: e, onEntity, onActor }: { event: AuditEvent; onEntity: () => void; onActor: () => void }) {
  const i18n = useI18n();
  const { t, label, dateTime } = i18n;
  const rows = diffJson(e.before, e.after);
  const changed = rows.filter((r) => r.change !== 'same');
  const created = e.before == null && e.after != null;
  const removed = e.after == null && e.before != null;
  const actionLabel = label('AuditAction', e.action);
  return (
    <li className="audit-item" data-testid="audit-item" data-action={e.action}>
      <div className="audit-head">
        <time className="audit-time" dateTime={e.at}>
          {dateTime(e.at)}
        </time>
        <span className="audit-action">
          {actionLabel}
        </span>
        {created && <span className="badge audit-created">{t('audit.created')}</span>}
        {removed && <span className="badge audit-removed">{t('audit.removed')}</span>}
      </div>
      <dl className="audit-meta">
        <div>
          <dt>{t('audit.actor')}</dt>
          <dd>
            <button type="button" className="link" onClick={onActor} title={t('audit.filterActor')} data-testid="audit-actor">
              {e.actorName || t('audit.someone')}
            </button>{' '}
            <span className="muted small">{label('Role', e.actorRole)}</span>
          </dd>
        </div>
        <div>
          <dt>{t('audit.entity')}</dt>
          <dd>
            <span>{label('AuditEntityType', e.entityType)}</span>{' '}
            <button type="button" className="link small" onClick={onEntity} data-testid="audit-entity">
              {t('audit.filterEntity')}
            </button>
            {e.entityType === 'Household' && (
              <>
                {' · '}
                <Link to={`/households/${encodeURIComponent(e.entityId)}`}>{t('audit.openHousehold')}</Link>
              </>
            )}
          </dd>
        </div>
      </dl>
      {e.reason && <p className="audit-reason">{t('audit.reason', { reason: reasonText(i18n, e.reason) })}</p>}
      {changed.length === 0 ? (
        <p className="muted small">{t('audit.noChanges')}</p>
      ) : (
        <div className="table-wrap audit-diff-wrap">
          <table className="data audit-diff" data-testid="audit-diff">
            <thead>
              <tr>
                <th>{t('audit.field')}</th>
                {!created && <th>{t('audit.before')}</th>}
                {!removed && <th>{t('audit.after')}</th>}
              </tr>
            </thead>
            <tbody>
              {changed.map((r) => (
                <tr key={r.key} data-change={r.change} data-testid="audit-diff-row">
                  <td>{fieldLabel(i18n, r.key)}</td>
                  {!created && <td className="audit-before">{auditValue(i18n, r.before)}</td>}
                  {!removed && <td className="audit-after">{auditValue(i18n, r.after)}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <details className="audit-raw">
        <summary>{t('audit.rawJson')}</summary>
        <div className="audit-raw-grid">
          <pre>
            <strong>{t('audit.before')}</strong>
            {'\n'}
            {JSON.stringify(e.before, null, 2)}
          </pre>
          <pre>
            <strong>{t('audit.after')}</strong>
            {'\n'}
            {JSON.stringify(e.after, null, 2)}
          </pre>
        </div>
      </details>
    </li>
  );
}

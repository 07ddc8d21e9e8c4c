// 县域支持网络: the coordinator's landing page. The graph, its filters, a node's story and the
// gap lists, all over the same area (one township when chosen). Loaded on first visit only.
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useI18n } from '../../app/i18n';
import { TIERS, WARNING_LEVELS } from '../../app/enums';
import type { NetworkLinkKind, Tier, WarningLevel } from '../../graphql/graphql';
import { Loading, QueryError } from '../../components/QueryState';
import { EXPORT_GAPS_MUTATION, NETWORK_GAPS_QUERY, NETWORK_GRAPH_QUERY, NETWORK_TOWNSHIPS_QUERY } from './network.graphql';
import { ExportButton } from '../dashboard/ExportButton';
import { LEVEL_COLOURS, KIND_COLOURS, LINK_KINDS, buildNetworkGraph, type NetNode } from './layout';
import { NetworkCanvas } from './NetworkCanvas';
import { NodePanel } from './NodePanel';
import { GapsPanel, type Focus } from './GapsPanel';
import type { Detail } from './detail';
import './network.css';

const DETAILS: readonly Detail[] = ['villages', 'households'];

const STALE_DAYS = 30;
const IDLE_DAYS = 90;
const GAP_ROWS = 100;
// Hidden at first: where a household lives and where an organisation works are the picture's
// background (a county-wide charity links every township), not its story.
const HIDDEN_AT_FIRST: NetworkLinkKind[] = ['IN_VILLAGE', 'PART_OF', 'ACTIVE_IN'];

function oneOf<T extends string>(value: string | null, values: readonly T[]): T | null {
  return value && (values as readonly string[]).includes(value) ? (value as T) : null;
}

export function NetworkPage() {
  const { t, label } = useI18n();
  const [search, setSearch] = useSearchParams();
  const township = search.get('township') || null;
  const tier = oneOf<Tier>(search.get('tier'), TIERS);
  const warning = oneOf<WarningLevel>(search.get('warning'), WARNING_LEVELS);
  const detail = oneOf<Detail>(search.get('detail'), DETAILS);
  const [hidden, setHidden] = useState<ReadonlySet<NetworkLinkKind>>(() => new Set(HIDDEN_AT_FIRST));
  const [focus, setFocus] = useState<Focus>({ select: null, highlight: [] });

  const setParam = (key: string, value: string | null, also: Record<string, string | null> = {}) => {
    const next = new URLSearchParams(search);
    for (const [k, v] of Object.entries({ ...also, [key]: value })) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setSearch(next, { replace: true });
    setFocus({ select: null, highlight: [] });
  };

  const [townships] = useQuery({ query: NETWORK_TOWNSHIPS_QUERY });
  const [, exportGaps] = useMutation(EXPORT_GAPS_MUTATION);
  const filter = useMemo(() => ({ townshipId: township, tier, warningLevel: warning }), [township, tier, warning]);
  const [picture] = useQuery({ query: NETWORK_GRAPH_QUERY, variables: { filter } });
  const [gaps] = useQuery({
    query: NETWORK_GAPS_QUERY,
    variables: { townshipId: township, staleDays: STALE_DAYS, idleDays: IDLE_DAYS, first: GAP_ROWS },
  });

  const built = useMemo(() => {
    const data = picture.data?.networkGraph;
    if (!data) return null;
    const started = performance.now();
    const graph = buildNetworkGraph(data.nodes, data.edges);
    const byId = new Map<string, NetNode>(data.nodes.map((n) => [n.id, n]));
    return { graph, byId, dataMs: started, buildMs: performance.now() - started };
  }, [picture.data]);

  const highlight = useMemo(() => (focus.highlight.length ? new Set(focus.highlight) : null), [focus.highlight]);
  const selectedNode = focus.select ? built?.byId.get(focus.select) : undefined;
  const singlePoint = gaps.data?.networkGaps.singlePointWorkers.find((w) => w.workerId === focus.select);

  const toggleLink = (kind: NetworkLinkKind) =>
    setHidden((prev) => {
      const next = new Set(prev);
      if (next.has(kind)) next.delete(kind);
      else next.add(kind);
      return next;
    });

  return (
    <section className="page network-page" data-testid="network-page">
      <header className="page-header">
        <div>
          <h1>{t('network.title')}</h1>
          <p className="muted small">{t('network.intro')}</p>
        </div>
        <ExportButton
          label={t('network.exportGaps')}
          testId="network-export-gaps"
          start={async () => (await exportGaps({ townshipId: township, idleDays: IDLE_DAYS })).data?.exportGaps}
        />
      </header>
      <form className="filters network-filters" onSubmit={(e) => e.preventDefault()}>
        <label className="field">
          <span className="field-label">{t('network.township')}</span>
          <select value={township ?? ''} onChange={(e) => setParam('township', e.target.value || null, { detail: null })} data-testid="network-township">
            <option value="">{t('network.allTownships')}</option>
            {(townships.data?.regions ?? []).map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('network.tier')}</span>
          <select value={tier ?? ''} onChange={(e) => setParam('tier', e.target.value || null)} data-testid="network-tier">
            <option value="">{t('network.all')}</option>
            {TIERS.map((v) => (
              <option key={v} value={v}>
                {label('Tier', v)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('network.warningLevel')}</span>
          <select value={warning ?? ''} onChange={(e) => setParam('warning', e.target.value || null)} data-testid="network-warning">
            <option value="">{t('network.all')}</option>
            {WARNING_LEVELS.map((v) => (
              <option key={v} value={v}>
                {label('WarningLevel', v)}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="field network-links">
          <legend className="field-label">{t('network.links')}</legend>
          {LINK_KINDS.map((kind) => (
            <label key={kind} className="check">
              <input type="checkbox" checked={!hidden.has(kind)} onChange={() => toggleLink(kind)} data-testid={`network-link-${kind}`} />
              {label('NetworkLinkKind', kind)}
            </label>
          ))}
        </fieldset>
      </form>

      <div className="network-layout">
        <div className="network-main">
          {picture.error && <QueryError error={picture.error} />}
          {picture.fetching && !built && <Loading />}
          {built && built.graph.order === 0 && <p className="muted">{t('network.empty')}</p>}
          {built && built.graph.order > 0 && (
            <NetworkCanvas
              graph={built.graph}
              dataMs={built.dataMs}
              buildMs={built.buildMs}
              selected={focus.select}
              highlight={highlight}
              hiddenLinks={hidden}
              detail={detail}
              onDetail={(d) => setParam('detail', d)}
              onSelect={(id) => setFocus({ select: id, highlight: [] })}
            />
          )}
          <p className="network-legend small" aria-label={t('network.legend')}>
            {(['RED', 'ORANGE', 'YELLOW', 'BLUE', 'NONE'] as const).map((level) => (
              <span key={level}>
                <span className="swatch" style={{ background: LEVEL_COLOURS[level] }} />
                {label('WarningLevel', level)}
              </span>
            ))}
            {(['SOCIAL_WORKER', 'STATION', 'CHARITY', 'ENTERPRISE', 'VOLUNTEER', 'VILLAGE'] as const).map((kind) => (
              <span key={kind}>
                <span className="swatch" style={{ background: KIND_COLOURS[kind] }} />
                {label('NetworkNodeKind', kind)}
              </span>
            ))}
          </p>
        </div>
        {selectedNode && built && (
          <NodePanel
            node={selectedNode}
            graph={built.graph}
            nodes={built.byId}
            singlePoint={singlePoint}
            onClose={() => setFocus({ select: null, highlight: [] })}
          />
        )}
      </div>

      {gaps.error && <QueryError error={gaps.error} />}
      {gaps.data && (
        <GapsPanel gaps={gaps.data.networkGaps} idleDays={IDLE_DAYS} nodes={built?.byId ?? new Map()} onFocus={setFocus} />
      )}
    </section>
  );
}

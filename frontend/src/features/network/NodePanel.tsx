// The side panel: one node's story, told from its links, and a way to its own page.
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n';
import { linked, type NetNode, type NetworkGraph } from './layout';
import type { SinglePoint } from './GapsPanel';

const URGENT = new Set(['RED', 'ORANGE']);

function pageOf(node: NetNode, graph: NetworkGraph): string | null {
  switch (node.kind) {
    case 'HOUSEHOLD':
      return `/households/${encodeURIComponent(node.id)}`;
    case 'SOCIAL_WORKER': {
      const station = linked(graph, node.id, new Set(['WORKS_AT']))[0];
      return station ? `/caseload?station=${encodeURIComponent(station)}` : '/workers';
    }
    case 'STATION':
      return `/workers?station=${encodeURIComponent(node.id)}`;
    case 'VILLAGE':
      return `/households?township=${encodeURIComponent(node.townshipId ?? '')}&village=${encodeURIComponent(node.id)}`;
    case 'TOWNSHIP':
      return `/households?township=${encodeURIComponent(node.id)}`;
    case 'CHARITY':
    case 'ENTERPRISE':
    case 'VOLUNTEER':
      return null;
  }
}

export function NodePanel({
  node,
  graph,
  nodes,
  singlePoint,
  onClose,
}: {
  node: NetNode;
  graph: NetworkGraph;
  nodes: ReadonlyMap<string, NetNode>;
  singlePoint: SinglePoint | undefined;
  onClose: () => void;
}) {
  const { t, label, number } = useI18n();
  const name = (id: string | null | undefined) => (id ? nodes.get(id)?.label : null) ?? t('network.panel.unnamed');
  const lines: string[] = [];
  const page = pageOf(node, graph);

  if (node.kind === 'HOUSEHOLD') {
    lines.push(t('network.panel.tier', { tier: label('Tier', node.tier) }));
    lines.push(t('network.panel.level', { level: label('WarningLevel', node.warningLevel) }));
    lines.push(t('network.panel.village', { village: name(node.villageId) }));
    lines.push(t('network.panel.township', { township: name(node.townshipId) }));
    const workers = linked(graph, node.id, new Set(['RESPONSIBLE']));
    lines.push(workers.length ? t('network.panel.workers', { names: workers.map(name).join('、') }) : t('network.panel.noWorker'));
  } else if (node.kind === 'SOCIAL_WORKER') {
    const households = linked(graph, node.id, new Set(['RESPONSIBLE']));
    const urgent = households.filter((h) => URGENT.has(nodes.get(h)?.warningLevel ?? '')).length;
    lines.push(t('network.panel.load', { percent: `${number(node.load * 100)}%` }));
    lines.push(t('network.panel.follows', { count: households.length, urgent }));
    lines.push(t('network.panel.township', { township: name(node.townshipId) }));
    if (singlePoint) {
      lines.push(
        t('network.panel.singlePoint', {
          count: singlePoint.householdIds.length,
          urgent: singlePoint.urgentHouseholdIds.length,
          colleagues: singlePoint.colleaguesInReach,
          room: singlePoint.colleaguesRoom,
          verdict: t(singlePoint.colleaguesCanAbsorb ? 'network.panel.canAbsorb' : 'network.panel.cannotAbsorb'),
        }),
      );
    }
  } else if (node.kind === 'STATION') {
    const workers = linked(graph, node.id, new Set(['WORKS_AT']));
    lines.push(t('network.panel.stationWorkers', { count: workers.length, households: node.load }));
    lines.push(t('network.panel.township', { township: name(node.townshipId) }));
  } else if (node.kind === 'VILLAGE') {
    lines.push(t('network.panel.villageHouseholds', { count: linked(graph, node.id, new Set(['IN_VILLAGE'])).length }));
    lines.push(t('network.panel.township', { township: name(node.townshipId) }));
  } else if (node.kind === 'CHARITY' || node.kind === 'ENTERPRISE') {
    lines.push(t('network.panel.organisation', { count: node.load }));
  } else if (node.kind === 'VOLUNTEER') {
    lines.push(t('network.panel.volunteerTasks', { count: node.load }));
    lines.push(t('network.panel.village', { village: name(node.villageId) }));
  }

  return (
    <aside className="network-panel card" data-testid="network-panel" data-kind={node.kind}>
      <header className="network-panel-head">
        <div>
          <span className="muted small">{label('NetworkNodeKind', node.kind)}</span>
          <h2 data-testid="network-panel-title">{node.label ?? t('network.panel.unnamed')}</h2>
        </div>
        <button type="button" className="ghost small" onClick={onClose} data-testid="network-panel-close">
          {t('network.panel.close')}
        </button>
      </header>
      <ul className="network-story" data-testid="network-story">
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {page && (
        <Link to={page} className="button" data-testid="network-panel-link">
          {t('network.panel.open')}
        </Link>
      )}
    </aside>
  );
}

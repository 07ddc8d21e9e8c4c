// The support network as a graphology graph with positions, colours and sizes: pure, so it can
// be tested without WebGL. Positions are seeded from places (a village's point, a station's,
// a township's); households sit on a sunflower spiral around their village (the server sends
// no home point), a worker in the middle of the households it follows.
import Graph from 'graphology';
import type { NetworkGraphQuery, NetworkLinkKind, NetworkNodeKind, WarningLevel } from '../../graphql/graphql';

export type NetNode = NetworkGraphQuery['networkGraph']['nodes'][number];
export type NetEdge = NetworkGraphQuery['networkGraph']['edges'][number];

export interface NodeAttributes {
  x: number;
  y: number;
  size: number;
  color: string;
  label: string | null;
  kind: NetworkNodeKind;
  warningLevel: WarningLevel | null;
  villageId: string | null;
  zIndex: number;
  /** A village drawn for its folded households (detail.ts): how many. */
  households?: number;
}

export interface EdgeAttributes {
  kind: NetworkLinkKind;
  color: string;
  size: number;
  /** A bundle of links drawn as one (detail.ts): how many. */
  count?: number;
}

export type NetworkGraph = Graph<NodeAttributes, EdgeAttributes>;

export const LEVEL_COLOURS: Record<WarningLevel, string> = {
  RED: '#d7263d',
  ORANGE: '#f46036',
  YELLOW: '#e0b100',
  BLUE: '#2e86de',
  NONE: '#9aa5b1',
};

export const KIND_COLOURS: Record<NetworkNodeKind, string> = {
  HOUSEHOLD: LEVEL_COLOURS.NONE,
  SOCIAL_WORKER: '#0f8b8d',
  STATION: '#22313f',
  VILLAGE: '#c5cbd3',
  TOWNSHIP: '#6c7a89',
  CHARITY: '#6a4c93',
  ENTERPRISE: '#a0522d',
  VOLUNTEER: '#43aa8b',
};

export const OVERLOADED_COLOUR = '#8e1b5a';

export const LINK_COLOURS: Record<NetworkLinkKind, string> = {
  RESPONSIBLE: '#0f8b8d',
  ADOPTS: '#6a4c93',
  TASK: '#43aa8b',
  WORKS_AT: '#22313f',
  SERVES: '#6c7a89',
  IN_VILLAGE: '#dde1e6',
  LIVES_IN: '#b7e4c7',
  ACTIVE_IN: '#cdb4db',
  PART_OF: '#cfd4da',
};

export const LINK_KINDS: readonly NetworkLinkKind[] = [
  'RESPONSIBLE',
  'ADOPTS',
  'TASK',
  'WORKS_AT',
  'SERVES',
  'IN_VILLAGE',
  'LIVES_IN',
  'ACTIVE_IN',
  'PART_OF',
];

// Drawn above the households, so the helpers are never buried.
const Z: Record<NetworkNodeKind, number> = {
  VILLAGE: 0,
  HOUSEHOLD: 1,
  VOLUNTEER: 2,
  TOWNSHIP: 3,
  CHARITY: 3,
  ENTERPRISE: 3,
  SOCIAL_WORKER: 4,
  STATION: 5,
};

const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));
/** One unit is about 100 m: 0.001° of latitude. */
const UNIT = 1000;
const SPIRAL_STEP = 0.45;

export function nodeSize(n: NetNode): number {
  switch (n.kind) {
    case 'HOUSEHOLD':
      return 3 + 0.5 * Math.min(n.load, 6);
    case 'SOCIAL_WORKER':
      return 5 + 5 * Math.min(n.load, 1.5);
    case 'STATION':
      return 9 + Math.min(Math.sqrt(n.load), 12);
    case 'TOWNSHIP':
      return 7;
    case 'VILLAGE':
      return 2.5;
    case 'CHARITY':
    case 'ENTERPRISE':
    case 'VOLUNTEER':
      return 3 + Math.min(Math.sqrt(n.load), 6);
  }
}

export function nodeColour(n: NetNode): string {
  if (n.kind === 'HOUSEHOLD') return LEVEL_COLOURS[n.warningLevel ?? 'NONE'];
  if (n.kind === 'SOCIAL_WORKER' && n.load > 1) return OVERLOADED_COLOUR;
  return KIND_COLOURS[n.kind];
}

interface Point {
  x: number;
  y: number;
}

function spiral(centre: Point, index: number, step = SPIRAL_STEP): Point {
  const r = step * Math.sqrt(index + 1);
  const a = index * GOLDEN_ANGLE;
  return { x: centre.x + r * Math.cos(a), y: centre.y + r * Math.sin(a) };
}

/** The graph to draw: every node placed, coloured and sized; edges between present nodes. */
export function buildNetworkGraph(nodes: readonly NetNode[], edges: readonly NetEdge[]): NetworkGraph {
  const graph: NetworkGraph = new Graph({ multi: false, type: 'directed', allowSelfLoops: false });
  const placed = nodes.filter((n) => n.x != null && n.y != null);
  const lat0 = placed.length ? placed.reduce((s, n) => s + (n.y ?? 0), 0) / placed.length : 0;
  const lon0 = placed.length ? placed.reduce((s, n) => s + (n.x ?? 0), 0) / placed.length : 0;
  const cos0 = Math.cos((lat0 * Math.PI) / 180);
  const project = (n: NetNode): Point => ({ x: ((n.x ?? lon0) - lon0) * cos0 * UNIT, y: ((n.y ?? lat0) - lat0) * UNIT });

  const villages = new Map<string, Point>();
  for (const n of nodes) if (n.kind === 'VILLAGE') villages.set(n.id, project(n));

  const seen = new Map<string, number>(); // nodes placed so far around each place
  const next = (place: string) => {
    const i = seen.get(place) ?? 0;
    seen.set(place, i + 1);
    return i;
  };

  for (const n of nodes) {
    let at: Point;
    if (n.kind === 'HOUSEHOLD' || n.kind === 'VOLUNTEER') {
      const centre = (n.villageId && villages.get(n.villageId)) || project(n);
      at = spiral(centre, next(n.villageId ?? n.id));
    } else if (n.kind === 'CHARITY' || n.kind === 'ENTERPRISE') {
      at = spiral(project(n), 30 + next(`org:${n.townshipId}`) * 6, 1.2);
    } else if (n.kind === 'SOCIAL_WORKER') {
      at = spiral(project(n), 4 + next(`station-of:${n.townshipId}`), 0.9);
    } else {
      at = project(n);
    }
    graph.addNode(n.id, {
      ...at,
      size: nodeSize(n),
      color: nodeColour(n),
      label: n.label,
      kind: n.kind,
      warningLevel: n.warningLevel,
      villageId: n.villageId,
      zIndex: Z[n.kind],
    });
  }

  // A worker sits in the middle of the households it follows (and a little towards them).
  const followed = new Map<string, Point[]>();
  for (const e of edges) {
    if (!graph.hasNode(e.source) || !graph.hasNode(e.target)) continue;
    const key = `${e.source}->${e.target}`;
    if (!graph.hasEdge(key)) {
      graph.addDirectedEdgeWithKey(key, e.source, e.target, {
        kind: e.kind,
        color: LINK_COLOURS[e.kind],
        size: e.kind === 'RESPONSIBLE' || e.kind === 'ADOPTS' || e.kind === 'TASK' ? 0.8 : 0.4,
      });
    }
    if (e.kind === 'RESPONSIBLE') {
      const list = followed.get(e.source) ?? [];
      list.push({ x: graph.getNodeAttribute(e.target, 'x'), y: graph.getNodeAttribute(e.target, 'y') });
      followed.set(e.source, list);
    }
  }
  for (const [worker, points] of followed) {
    const x = points.reduce((s, p) => s + p.x, 0) / points.length;
    const y = points.reduce((s, p) => s + p.y, 0) / points.length;
    graph.mergeNodeAttributes(worker, { x, y });
  }
  return graph;
}

/** The ids linked to a node by the given kinds of link, either way. */
export function linked(graph: NetworkGraph, id: string, kinds: ReadonlySet<NetworkLinkKind>): string[] {
  if (!graph.hasNode(id)) return [];
  const out: string[] = [];
  graph.forEachEdge(id, (_edge, attrs, source, target) => {
    if (kinds.has(attrs.kind)) out.push(source === id ? target : source);
  });
  return out;
}

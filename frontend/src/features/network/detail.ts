// Level of detail: the whole county's 10,000 households drawn one by one cost seconds per
// frame in software WebGL, so above a threshold the picture draws one node per village (its
// households counted, coloured by the worst warning level among them) and the links of its
// households bundled onto it. A village clicked, or a household selected, opens that village
// to its households again. Pure, so it is tested without WebGL.
import Graph from 'graphology';
import type { WarningLevel } from '../../graphql/graphql';
import { KIND_COLOURS, LEVEL_COLOURS, type EdgeAttributes, type NetworkGraph, type NodeAttributes } from './layout';

/** Drawn one node per village, or every household. */
export type Detail = 'villages' | 'households';

/** More households than this in the picture: draw villages first. */
export const COLLAPSE_ABOVE = 2000;

const WORST_FIRST: readonly WarningLevel[] = ['RED', 'ORANGE', 'YELLOW', 'BLUE', 'NONE'];

export function shouldCollapse(model: NetworkGraph): boolean {
  let households = 0;
  model.forEachNode((_id, a) => {
    if (a.kind === 'HOUSEHOLD') households += 1;
  });
  return households > COLLAPSE_ABOVE;
}

/** An empty graph the village view is drawn into (parallel links of different kinds allowed). */
export function emptyView(): NetworkGraph {
  return new Graph<NodeAttributes, EdgeAttributes>({ multi: true, type: 'directed', allowSelfLoops: false });
}

export function villageSize(households: number): number {
  return 3 + 1.1 * Math.sqrt(households);
}

/**
 * Fills `view` (cleared first) from `model`: households of villages not in `expanded` are
 * folded into their village; every link keeps its kind, bundled per pair of drawn ends with a
 * count. Returns `view`.
 */
export function fillVillageView(view: NetworkGraph, model: NetworkGraph, expanded: ReadonlySet<string>): NetworkGraph {
  view.clear();
  const folded = new Map<string, { households: number; worst: number }>();
  model.forEachNode((_id, a) => {
    if (a.kind !== 'HOUSEHOLD' || !a.villageId || expanded.has(a.villageId) || !model.hasNode(a.villageId)) return;
    const s = folded.get(a.villageId) ?? { households: 0, worst: WORST_FIRST.length - 1 };
    s.households += 1;
    s.worst = Math.min(s.worst, WORST_FIRST.indexOf(a.warningLevel ?? 'NONE'));
    folded.set(a.villageId, s);
  });
  const isFolded = (a: NodeAttributes) => a.kind === 'HOUSEHOLD' && a.villageId != null && folded.has(a.villageId);

  model.forEachNode((id, a) => {
    if (isFolded(a)) return;
    const s = a.kind === 'VILLAGE' ? folded.get(id) : undefined;
    if (s) {
      const level = WORST_FIRST[s.worst];
      view.addNode(id, { ...a, size: villageSize(s.households), color: LEVEL_COLOURS[level], warningLevel: level, households: s.households, zIndex: 1 });
    } else {
      view.addNode(id, { ...a, color: a.kind === 'VILLAGE' ? KIND_COLOURS.VILLAGE : a.color, households: undefined });
    }
  });

  const drawnEnd = (id: string): string => {
    if (view.hasNode(id)) return id;
    return model.getNodeAttribute(id, 'villageId') ?? id;
  };
  model.forEachEdge((key, a, source, target) => {
    const s = drawnEnd(source);
    const t = drawnEnd(target);
    if (s === t) return; // a folded household's own village
    if (s === source && t === target) {
      view.addDirectedEdgeWithKey(key, s, t, { ...a });
      return;
    }
    const bundle = `${a.kind}:${s}->${t}`;
    if (view.hasEdge(bundle)) {
      const count = (view.getEdgeAttribute(bundle, 'count') ?? 1) + 1;
      view.mergeEdgeAttributes(bundle, { count, size: Math.min(3, a.size + 0.4 * Math.log2(count)) });
    } else {
      view.addDirectedEdgeWithKey(bundle, s, t, { ...a, count: 1 });
    }
  });
  return view;
}

/** The node drawn for `id`: itself, or the village it is folded into; null when neither. */
export function drawnNode(view: NetworkGraph, model: NetworkGraph, id: string): string | null {
  if (view.hasNode(id)) return id;
  if (!model.hasNode(id)) return null;
  const village = model.getNodeAttribute(id, 'villageId');
  return village && view.hasNode(village) ? village : null;
}

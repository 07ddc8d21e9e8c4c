import { describe, expect, it } from 'vitest';
import { buildNetworkGraph, KIND_COLOURS, LEVEL_COLOURS, type NetEdge, type NetNode } from './layout';
import { COLLAPSE_ABOVE, drawnNode, emptyView, fillVillageView, shouldCollapse, villageSize } from './detail';

function node(id: string, kind: NetNode['kind'], extra: Partial<NetNode> = {}): NetNode {
  return { id, kind, label: null, warningLevel: null, tier: null, load: 0, townshipId: 't1', villageId: null, x: null, y: null, ...extra };
}

// Two villages: v1 with three households (one red), v2 with one; a worker follows h1, h2 and h4.
const nodes: NetNode[] = [
  node('t1', 'TOWNSHIP', { x: 102, y: 25 }),
  node('v1', 'VILLAGE', { x: 102.01, y: 25.01, villageId: 'v1' }),
  node('v2', 'VILLAGE', { x: 102.02, y: 25.02, villageId: 'v2' }),
  node('v3', 'VILLAGE', { x: 102.03, y: 25.03, villageId: 'v3' }), // no household
  node('s1', 'STATION', { x: 102, y: 25, load: 3 }),
  node('w1', 'SOCIAL_WORKER', { x: 102, y: 25, load: 0.5 }),
  node('h1', 'HOUSEHOLD', { villageId: 'v1', warningLevel: 'RED' }),
  node('h2', 'HOUSEHOLD', { villageId: 'v1', warningLevel: 'YELLOW' }),
  node('h3', 'HOUSEHOLD', { villageId: 'v1', warningLevel: 'NONE' }),
  node('h4', 'HOUSEHOLD', { villageId: 'v2', warningLevel: 'BLUE' }),
];
const edges: NetEdge[] = [
  { source: 'w1', target: 'h1', kind: 'RESPONSIBLE' },
  { source: 'w1', target: 'h2', kind: 'RESPONSIBLE' },
  { source: 'w1', target: 'h4', kind: 'RESPONSIBLE' },
  { source: 'w1', target: 's1', kind: 'WORKS_AT' },
  { source: 'h1', target: 'v1', kind: 'IN_VILLAGE' },
  { source: 'h4', target: 'v2', kind: 'IN_VILLAGE' },
  { source: 'v1', target: 't1', kind: 'PART_OF' },
];

describe('the village level of detail', () => {
  const model = buildNetworkGraph(nodes, edges);

  it('folds a county only above the threshold', () => {
    expect(shouldCollapse(model)).toBe(false);
    const many = Array.from({ length: COLLAPSE_ABOVE + 1 }, (_, i) => node(`h${i}`, 'HOUSEHOLD', { villageId: 'v1' }));
    expect(shouldCollapse(buildNetworkGraph([nodes[1], ...many], []))).toBe(true);
  });

  it('draws one node per village, counted and coloured by its worst household', () => {
    const view = fillVillageView(emptyView(), model, new Set());
    expect(view.filterNodes((_id, a) => a.kind === 'HOUSEHOLD')).toEqual([]);
    expect(view.getNodeAttribute('v1', 'households')).toBe(3);
    expect(view.getNodeAttribute('v1', 'color')).toBe(LEVEL_COLOURS.RED);
    expect(view.getNodeAttribute('v1', 'size')).toBe(villageSize(3));
    expect(view.getNodeAttribute('v2', 'color')).toBe(LEVEL_COLOURS.BLUE);
    expect(view.getNodeAttribute('v3', 'households')).toBeUndefined();
    expect(view.getNodeAttribute('v3', 'color')).toBe(KIND_COLOURS.VILLAGE);
    // The model is left as it was.
    expect(model.order).toBe(nodes.length);
  });

  it('bundles the households’ links onto their village with a count', () => {
    const view = fillVillageView(emptyView(), model, new Set());
    const responsible = view.filterEdges('w1', (_e, a) => a.kind === 'RESPONSIBLE');
    expect(responsible.map((e) => [view.target(e), view.getEdgeAttribute(e, 'count')]).sort()).toEqual([
      ['v1', 2],
      ['v2', 1],
    ]);
    // A household's own IN_VILLAGE link disappears into its village; other links stay.
    expect(view.filterEdges((_e, a) => a.kind === 'IN_VILLAGE')).toEqual([]);
    expect(view.hasEdge('w1', 's1')).toBe(true);
    expect(view.hasEdge('v1', 't1')).toBe(true);
  });

  it('opens a village to its households, and refills the same graph', () => {
    const view = emptyView();
    fillVillageView(view, model, new Set());
    fillVillageView(view, model, new Set(['v1']));
    expect(view.hasNode('h1') && view.hasNode('h2') && view.hasNode('h3')).toBe(true);
    expect(view.hasNode('h4')).toBe(false);
    expect(view.getNodeAttribute('v1', 'households')).toBeUndefined();
    expect(view.hasEdge('w1', 'h1')).toBe(true);
    expect(view.hasEdge('h1', 'v1')).toBe(true);
    expect(drawnNode(view, model, 'h1')).toBe('h1');
    expect(drawnNode(view, model, 'h4')).toBe('v2');
    expect(drawnNode(view, model, 'nobody')).toBeNull();
  });
});

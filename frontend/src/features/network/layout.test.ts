import { describe, expect, it } from 'vitest';
import { LEVEL_COLOURS, OVERLOADED_COLOUR, buildNetworkGraph, linked, type NetEdge, type NetNode } from './layout';

function node(id: string, kind: NetNode['kind'], extra: Partial<NetNode> = {}): NetNode {
  return { id, kind, label: null, warningLevel: null, tier: null, load: 0, townshipId: 't1', villageId: null, x: null, y: null, ...extra };
}

const nodes: NetNode[] = [
  node('t1', 'TOWNSHIP', { x: 102, y: 25 }),
  node('v1', 'VILLAGE', { x: 102.01, y: 25.01, villageId: 'v1' }),
  node('s1', 'STATION', { x: 102, y: 25, load: 2 }),
  node('w1', 'SOCIAL_WORKER', { x: 102, y: 25, load: 1.2 }),
  node('h1', 'HOUSEHOLD', { villageId: 'v1', warningLevel: 'RED', load: 3 }),
  node('h2', 'HOUSEHOLD', { villageId: 'v1', warningLevel: 'NONE', load: 1 }),
];
const edges: NetEdge[] = [
  { source: 'w1', target: 'h1', kind: 'RESPONSIBLE' },
  { source: 'w1', target: 'h2', kind: 'RESPONSIBLE' },
  { source: 'w1', target: 's1', kind: 'WORKS_AT' },
  { source: 'h1', target: 'v1', kind: 'IN_VILLAGE' },
  { source: 'h2', target: 'gone', kind: 'IN_VILLAGE' }, // an end outside the picture
];

describe('the network graph', () => {
  const graph = buildNetworkGraph(nodes, edges);

  it('keeps every node and only the links between present nodes', () => {
    expect(graph.order).toBe(6);
    expect(graph.size).toBe(4);
  });

  it('colours households by warning level and an overloaded worker apart', () => {
    expect(graph.getNodeAttribute('h1', 'color')).toBe(LEVEL_COLOURS.RED);
    expect(graph.getNodeAttribute('h2', 'color')).toBe(LEVEL_COLOURS.NONE);
    expect(graph.getNodeAttribute('w1', 'color')).toBe(OVERLOADED_COLOUR);
    expect(graph.getNodeAttribute('h1', 'size')).toBeGreaterThan(graph.getNodeAttribute('h2', 'size'));
  });

  it('places households around their village and the worker among its households', () => {
    const v = graph.getNodeAttributes('v1');
    const h1 = graph.getNodeAttributes('h1');
    const h2 = graph.getNodeAttributes('h2');
    expect(Math.hypot(h1.x - v.x, h1.y - v.y)).toBeLessThan(2);
    expect(h1).not.toMatchObject({ x: h2.x, y: h2.y });
    const w = graph.getNodeAttributes('w1');
    expect(w.x).toBeCloseTo((h1.x + h2.x) / 2);
    expect(w.y).toBeCloseTo((h1.y + h2.y) / 2);
  });

  it('finds what a node is linked to by kind, either way', () => {
    expect(linked(graph, 'w1', new Set(['RESPONSIBLE'])).sort()).toEqual(['h1', 'h2']);
    expect(linked(graph, 'h1', new Set(['RESPONSIBLE']))).toEqual(['w1']);
    expect(linked(graph, 'nobody', new Set(['RESPONSIBLE']))).toEqual([]);
  });
});

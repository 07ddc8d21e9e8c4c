// The WebGL drawing of the network (sigma.js 3). Reducers, not graph edits, show a selection,
// a highlight and hidden link kinds, so a filter never rebuilds 15,000 nodes.
import { useEffect, useRef, useState } from 'react';
import type Sigma from 'sigma';
import FA2Layout from 'graphology-layout-forceatlas2/worker';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import type { NetworkLinkKind } from '../../graphql/graphql';
import { useI18n } from '../../app/i18n';
import type { EdgeAttributes, NetworkGraph, NodeAttributes } from './layout';

const FADED = '#e8ebef';

/** Measurements the FPS script (e2e/network_fps.mjs) reads; nothing personal. */
interface NetworkStats {
  firstDrawMs: number | null;
  dataMs: number; // when the picture's data was there (ms since the page's navigation)
  buildMs: number;
  nodes: number;
  edges: number;
  frames: number;
  sigma: Sigma<NodeAttributes, EdgeAttributes> | null;
}

declare global {
  interface Window {
    __bangfuNetwork?: NetworkStats;
  }
}

export function NetworkCanvas({
  graph,
  dataMs,
  buildMs,
  selected,
  highlight,
  hiddenLinks,
  onSelect,
}: {
  graph: NetworkGraph;
  dataMs: number;
  buildMs: number;
  selected: string | null;
  highlight: ReadonlySet<string> | null;
  hiddenLinks: ReadonlySet<NetworkLinkKind>;
  onSelect: (id: string | null) => void;
}) {
  const { t } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const sigma = useRef<Sigma<NodeAttributes, EdgeAttributes> | null>(null);
  const layout = useRef<FA2Layout<NodeAttributes, EdgeAttributes> | null>(null);
  const [running, setRunning] = useState(false);
  const [drawn, setDrawn] = useState(false);
  const select = useRef(onSelect);
  select.current = onSelect;

  // Sigma needs WebGL when its module loads: it is imported here, not at the top, so the
  // module graph (and the tests that walk it) load without a WebGL context.
  const [ready, setReady] = useState(0);
  useEffect(() => {
    const host = container.current;
    if (!host) return;
    let cancelled = false;
    let renderer: Sigma<NodeAttributes, EdgeAttributes> | null = null;
    void import('sigma').then(({ default: SigmaRenderer }) => {
      if (cancelled) return;
      const stats: NetworkStats = {
        firstDrawMs: null,
        dataMs,
        buildMs,
        nodes: graph.order,
        edges: graph.size,
        frames: 0,
        sigma: null,
      };
      renderer = new SigmaRenderer<NodeAttributes, EdgeAttributes>(graph, host, {
        zIndex: true,
        defaultEdgeType: 'line',
        // While the picture moves, 10,000 links and the labels are what costs frames.
        hideEdgesOnMove: true,
        hideLabelsOnMove: true,
        labelRenderedSizeThreshold: 9,
        labelDensity: 0.5,
        minCameraRatio: 0.02,
        maxCameraRatio: 4,
      });
      stats.sigma = renderer;
      renderer.on('afterRender', () => {
        stats.frames += 1;
        if (stats.firstDrawMs === null) {
          stats.firstDrawMs = performance.now();
          setDrawn(true);
        }
      });
      renderer.on('clickNode', ({ node }) => select.current(node));
      renderer.on('clickStage', () => select.current(null));
      renderer.on('enterNode', () => host.classList.add('network-pointer'));
      renderer.on('leaveNode', () => host.classList.remove('network-pointer'));
      sigma.current = renderer;
      window.__bangfuNetwork = stats;
      setReady((n) => n + 1);
    });
    return () => {
      cancelled = true;
      layout.current?.kill();
      layout.current = null;
      setRunning(false);
      setDrawn(false);
      renderer?.kill();
      sigma.current = null;
    };
  }, [graph, dataMs, buildMs]);

  // Selection, highlight and hidden links: reducers over the same graph.
  useEffect(() => {
    const renderer = sigma.current;
    if (!renderer) return;
    const near = new Set<string>();
    if (selected && graph.hasNode(selected)) {
      near.add(selected);
      graph.forEachNeighbor(selected, (n) => near.add(n));
    }
    const focus = highlight && highlight.size > 0 ? highlight : near.size > 0 ? near : null;
    renderer.setSetting('nodeReducer', (node, data) => {
      if (node === selected) return { ...data, highlighted: true, zIndex: 10, forceLabel: true };
      if (focus && !focus.has(node)) return { ...data, color: FADED, label: null, zIndex: 0 };
      if (focus) return { ...data, zIndex: 9, forceLabel: data.kind !== 'HOUSEHOLD' };
      return data;
    });
    renderer.setSetting('edgeReducer', (edge, data) => {
      if (hiddenLinks.has(data.kind)) return { ...data, hidden: true };
      if (focus) {
        const [s, tgt] = graph.extremities(edge);
        if (!focus.has(s) || !focus.has(tgt)) return { ...data, hidden: true };
        return { ...data, size: 1.5 };
      }
      return data;
    });
    // Frame what the selection is about: the node and what is highlighted (or its neighbours).
    if (selected && graph.hasNode(selected)) {
      const framed = [...(focus ?? [selected])]
        .filter((id) => graph.hasNode(id))
        .map((id) => renderer.viewportToFramedGraph(renderer.graphToViewport(graph.getNodeAttributes(id))));
      const xs = framed.map((p) => p.x);
      const ys = framed.map((p) => p.y);
      const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
      const ratio = Math.min(1, Math.max(0.04, 1.4 * Math.max(x1 - x0, y1 - y0)));
      void renderer.getCamera().animate({ x: (x0 + x1) / 2, y: (y0 + y1) / 2, ratio }, { duration: 350 });
    }
  }, [graph, selected, highlight, hiddenLinks, ready]);

  const toggleLayout = () => {
    if (running) {
      layout.current?.stop();
      setRunning(false);
      return;
    }
    if (!layout.current) {
      const settings = forceAtlas2.inferSettings(graph);
      layout.current = new FA2Layout(graph, { settings: { ...settings, barnesHutOptimize: true, slowDown: 5 } });
    }
    layout.current.start();
    setRunning(true);
  };

  return (
    <div className="network-canvas-wrap">
      <div
        ref={container}
        className="network-canvas"
        data-testid="network-canvas"
        data-ready={drawn ? 'true' : 'false'}
        data-nodes={graph.order}
        data-edges={graph.size}
      />
      {!drawn && <p className="network-drawing muted">{t('network.drawing')}</p>}
      <div className="network-canvas-tools">
        <span className="muted small" data-testid="network-counts">
          {t('network.counts', { nodes: graph.order, edges: graph.size })}
        </span>
        <button type="button" className="ghost small" onClick={toggleLayout} data-testid="network-layout">
          {running ? t('network.layoutStop') : t('network.layout')}
        </button>
      </div>
    </div>
  );
}

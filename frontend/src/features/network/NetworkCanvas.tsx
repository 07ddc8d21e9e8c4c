// The WebGL drawing of the network (sigma.js 3). Reducers, not graph edits, show a selection,
// a highlight and hidden link kinds, so a filter never rebuilds 15,000 nodes. A whole county
// is drawn one node per village (detail.ts) until a village is opened.
import { useEffect, useMemo, useRef, useState } from 'react';
import type Sigma from 'sigma';
import FA2Layout from 'graphology-layout-forceatlas2/worker';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import type { NetworkLinkKind } from '../../graphql/graphql';
import { useI18n } from '../../app/i18n';
import type { EdgeAttributes, NetworkGraph, NodeAttributes } from './layout';
import { drawnNode, emptyView, fillVillageView, shouldCollapse, type Detail } from './detail';

const FADED = '#e8ebef';

/** Measurements the FPS script (e2e/network_fps.mjs) reads; nothing personal. */
interface NetworkStats {
  firstDrawMs: number | null;
  dataMs: number; // when the picture's data was there (ms since the page's navigation)
  buildMs: number;
  nodes: number; // in the picture (households folded into villages count)
  edges: number;
  drawnNodes: number; // drawn now
  drawnEdges: number;
  detail: 'villages' | 'households';
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
  detail,
  onDetail,
  onSelect,
}: {
  graph: NetworkGraph;
  dataMs: number;
  buildMs: number;
  selected: string | null;
  highlight: ReadonlySet<string> | null;
  hiddenLinks: ReadonlySet<NetworkLinkKind>;
  detail: Detail | null; // null: by village above COLLAPSE_ABOVE households
  onDetail: (detail: Detail) => void;
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

  // What is drawn: the graph itself, or (a whole county) its villages with some opened.
  const collapse = useMemo(() => (detail ? detail === 'villages' : shouldCollapse(graph)), [graph, detail]);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const [drawnNodes, setDrawnNodes] = useState(0);
  const view = useMemo(() => (collapse ? fillVillageView(emptyView(), graph, new Set()) : graph), [graph, collapse]);
  const foldedVillages = useMemo(() => view.filterNodes((_id, a) => a.households != null).length, [view]);
  const open = useRef<(village: string) => void>(() => undefined);
  open.current = (village) => {
    if (collapse && view.hasNode(village) && view.getNodeAttribute(village, 'households')) {
      setExpanded((prev) => new Set(prev).add(village));
    }
  };
  useEffect(() => setExpanded(new Set()), [view]);
  useEffect(() => {
    if (!collapse) {
      setDrawnNodes(view.order);
      return;
    }
    layout.current?.kill();
    layout.current = null;
    setRunning(false);
    fillVillageView(view, graph, expanded);
    setDrawnNodes(view.order);
    const stats = window.__bangfuNetwork;
    if (stats && stats.sigma === sigma.current) {
      stats.drawnNodes = view.order;
      stats.drawnEdges = view.size;
    }
  }, [collapse, view, graph, expanded]);

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
        drawnNodes: view.order,
        drawnEdges: view.size,
        detail: collapse ? 'villages' : 'households',
        frames: 0,
        sigma: null,
      };
      renderer = new SigmaRenderer<NodeAttributes, EdgeAttributes>(view, host, {
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
      renderer.on('clickNode', ({ node }) => {
        open.current(node);
        select.current(node);
      });
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
  }, [graph, view, collapse, dataMs, buildMs]);

  // Selection, highlight and hidden links: reducers over the same graph.
  useEffect(() => {
    const renderer = sigma.current;
    if (!renderer) return;
    // A household folded into its village stands for itself once the village is open.
    if (collapse && selected && !view.hasNode(selected)) {
      const village = graph.hasNode(selected) ? graph.getNodeAttribute(selected, 'villageId') : null;
      if (village) open.current(village);
    }
    const near = new Set<string>();
    if (selected && view.hasNode(selected)) {
      near.add(selected);
      view.forEachNeighbor(selected, (n) => near.add(n));
    }
    const shown = (ids: ReadonlySet<string>) => {
      const out = new Set<string>();
      for (const id of ids) {
        const at = drawnNode(view, graph, id);
        if (at) out.add(at);
      }
      return out;
    };
    const focus = highlight && highlight.size > 0 ? shown(highlight) : near.size > 0 ? near : null;
    renderer.setSetting('nodeReducer', (node, data) => {
      if (node === selected) return { ...data, highlighted: true, zIndex: 10, forceLabel: true };
      if (focus && !focus.has(node)) return { ...data, color: FADED, label: null, zIndex: 0 };
      if (focus) return { ...data, zIndex: 9, forceLabel: data.kind !== 'HOUSEHOLD' };
      return data;
    });
    renderer.setSetting('edgeReducer', (edge, data) => {
      if (hiddenLinks.has(data.kind)) return { ...data, hidden: true };
      if (focus) {
        const [s, tgt] = view.extremities(edge);
        if (!focus.has(s) || !focus.has(tgt)) return { ...data, hidden: true };
        return { ...data, size: 1.5 };
      }
      return data;
    });
    // Frame what the selection is about: the node and what is highlighted (or its neighbours).
    if (selected && view.hasNode(selected)) {
      const framed = [...(focus ?? [selected])]
        .filter((id) => view.hasNode(id))
        .map((id) => renderer.viewportToFramedGraph(renderer.graphToViewport(view.getNodeAttributes(id))));
      const xs = framed.map((p) => p.x);
      const ys = framed.map((p) => p.y);
      const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
      const ratio = Math.min(1, Math.max(0.04, 1.4 * Math.max(x1 - x0, y1 - y0)));
      void renderer.getCamera().animate({ x: (x0 + x1) / 2, y: (y0 + y1) / 2, ratio }, { duration: 350 });
    }
  }, [graph, view, collapse, expanded, selected, highlight, hiddenLinks, ready]);

  const toggleLayout = () => {
    if (running) {
      layout.current?.stop();
      setRunning(false);
      return;
    }
    if (!layout.current) {
      const settings = forceAtlas2.inferSettings(view);
      layout.current = new FA2Layout(view, { settings: { ...settings, barnesHutOptimize: true, slowDown: 5 } });
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
        data-detail={collapse ? 'villages' : 'households'}
        data-opened={expanded.size}
        data-drawn-nodes={drawnNodes}
      />
      {!drawn && <p className="network-drawing muted">{t('network.drawing')}</p>}
      <div className="network-canvas-tools">
        <span className="muted small" data-testid="network-counts">
          {t('network.counts', { nodes: graph.order, edges: graph.size })}
          {collapse && ` · ${t('network.byVillage', { villages: foldedVillages - expanded.size })}`}
        </span>
        <label className="check small">
          <input
            type="checkbox"
            checked={collapse}
            onChange={(e) => onDetail(e.target.checked ? 'villages' : 'households')}
            data-testid="network-by-village"
          />
          {t('network.byVillageToggle')}
        </label>
        {collapse && expanded.size > 0 && (
          <button type="button" className="ghost small" onClick={() => setExpanded(new Set())} data-testid="network-fold">
            {t('network.fold')}
          </button>
        )}
        <button type="button" className="ghost small" onClick={toggleLayout} data-testid="network-layout">
          {running ? t('network.layoutStop') : t('network.layout')}
        </button>
      </div>
    </div>
  );
}

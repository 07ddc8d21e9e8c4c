// The round as a picture, without any map service: longitude/latitude projected flat onto an
// SVG viewbox (north up), fitted to the points with a margin. Pure, so it is unit-tested.

export interface GeoPoint {
  lat: number;
  lon: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface Frame {
  width: number;
  height: number;
  /** Room kept on every side for the markers and their numbers. */
  margin: number;
}

export const PICTURE: Frame = { width: 360, height: 300, margin: 26 };

/**
 * A projection fitting every point into the frame. Over a township (tens of km) a flat
 * projection is exact enough: longitude is shrunk by cos(latitude) so distances keep their
 * proportions, and the same scale is used on both axes (the picture is not stretched).
 */
export function fitProjection(points: readonly GeoPoint[], frame: Frame = PICTURE): (p: GeoPoint) => Point {
  const cx = frame.width / 2;
  const cy = frame.height / 2;
  if (points.length === 0) return () => ({ x: cx, y: cy });
  const lat0 = points.reduce((s, p) => s + p.lat, 0) / points.length;
  const k = Math.cos((lat0 * Math.PI) / 180);
  const xs = points.map((p) => p.lon * k);
  const ys = points.map((p) => p.lat);
  const minX = Math.min(...xs);
  const maxX = Math.max(...xs);
  const minY = Math.min(...ys);
  const maxY = Math.max(...ys);
  const spanX = maxX - minX;
  const spanY = maxY - minY;
  const room = { w: frame.width - 2 * frame.margin, h: frame.height - 2 * frame.margin };
  const scale = spanX === 0 && spanY === 0 ? 0 : Math.min(spanX > 0 ? room.w / spanX : Infinity, spanY > 0 ? room.h / spanY : Infinity);
  const midX = (minX + maxX) / 2;
  const midY = (minY + maxY) / 2;
  return (p) => ({
    x: round2(cx + (p.lon * k - midX) * scale),
    y: round2(cy - (p.lat - midY) * scale),
  });
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

/**
 * Markers closer than `minDistance` are pushed apart (households of one village often share
 * nearly the same point), each later one stepped around a small circle so every number reads.
 * The path still runs through the true points.
 */
export function spreadMarkers(points: readonly Point[], minDistance = 18, frame: Frame = PICTURE): Point[] {
  const placed: Point[] = [];
  const inside = (v: number, max: number) => Math.max(12, Math.min(max - 12, v));
  for (const p of points) {
    let q = p;
    for (let step = 1; step <= 24 && placed.some((o) => Math.hypot(o.x - q.x, o.y - q.y) < minDistance); step++) {
      const angle = step * 2.4; // golden-angle-ish spiral
      const r = minDistance * (0.8 + step / 6);
      q = { x: round2(inside(p.x + r * Math.cos(angle), frame.width)), y: round2(inside(p.y + r * Math.sin(angle), frame.height)) };
    }
    placed.push(q);
  }
  return placed;
}

/** How a round is drawn: the path from the start through the located stops, in their order. */
export interface RoundStopLike {
  position: number;
  done: boolean;
  late?: string | null;
  household?: { location?: GeoPoint | null } | null;
}

export interface DrawnStop {
  position: number;
  /** The number shown: 1, 2, 3… in the order the stops are made. */
  number: number;
  at: Point;
  marker: Point;
  done: boolean;
  late: boolean;
}

export interface DrawnRound {
  start: Point;
  stops: DrawnStop[];
  /** SVG polyline points: start, each located stop, back to the start. */
  path: string;
  /** Stops without coordinates: listed, not drawn. */
  unplaced: number[];
}

export function drawRounds<S extends RoundStopLike>(
  rounds: readonly { start: GeoPoint | null; stops: readonly S[] }[],
  frame: Frame = PICTURE,
): DrawnRound[] {
  const all: GeoPoint[] = [];
  for (const r of rounds) {
    if (r.start) all.push(r.start);
    for (const s of r.stops) if (s.household?.location) all.push(s.household.location);
  }
  const project = fitProjection(all, frame);
  const sorted = rounds.map((r) => ({ start: r.start, stops: [...r.stops].sort((a, b) => a.position - b.position) }));
  const located = sorted.map((r) => r.stops.filter((s) => s.household?.location));
  const truePoints = located.map((stops) => stops.map((s) => project(s.household!.location!)));
  const markers = spreadMarkers(truePoints.flat(), 18, frame);
  let m = 0;
  return sorted.map((r, i) => {
    const start = r.start ? project(r.start) : truePoints[i][0] ?? { x: frame.width / 2, y: frame.height / 2 };
    const stops = located[i].map((s, j) => ({
      position: s.position,
      number: r.stops.indexOf(s) + 1,
      at: truePoints[i][j],
      marker: markers[m++],
      done: s.done,
      late: Boolean(s.late),
    }));
    const line = [start, ...stops.map((s) => s.at), ...(stops.length ? [start] : [])];
    return {
      start,
      stops,
      path: line.map((p) => `${p.x},${p.y}`).join(' '),
      unplaced: r.stops.filter((s) => !s.household?.location).map((s) => r.stops.indexOf(s) + 1),
    };
  });
}

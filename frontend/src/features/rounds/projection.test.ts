import { describe, expect, it } from 'vitest';
import { PICTURE, drawRounds, fitProjection, spreadMarkers } from './projection';
import { mondayOf } from './labels';

const frame = { width: 200, height: 100, margin: 10 };

describe('projecting coordinates onto the picture', () => {
  it('fits the points inside the margin, north up, east right, without stretching', () => {
    // 0.1° of latitude by 0.1° of longitude at the equator: a square, fitted by its height.
    const pts = [
      { lat: 0, lon: 0 },
      { lat: 0.1, lon: 0.1 },
    ];
    const p = fitProjection(pts, frame);
    expect(p(pts[0])).toEqual({ x: 60, y: 90 }); // south-west: bottom left
    expect(p(pts[1])).toEqual({ x: 140, y: 10 }); // north-east: top right
    // The middle of the span lands in the middle of the frame.
    expect(p({ lat: 0.05, lon: 0.05 })).toEqual({ x: 100, y: 50 });
  });

  it('shrinks longitude by the cosine of the latitude (60°N: a degree east is half as long)', () => {
    const pts = [
      { lat: 60, lon: 10 },
      { lat: 60, lon: 12 },
      { lat: 61, lon: 10 },
    ];
    const p = fitProjection(pts, { width: 100, height: 100, margin: 0 });
    const a = p(pts[0]);
    const east = p(pts[1]);
    const north = p(pts[2]);
    // 2° east at 60°N spans about as much as 1° north (cos of the mean latitude, 60.3°).
    const ratio = Math.abs(east.x - a.x) / Math.abs(north.y - a.y);
    expect(ratio).toBeGreaterThan(0.97);
    expect(ratio).toBeLessThan(1.01);
  });

  it('puts a single point (or none) in the centre', () => {
    expect(fitProjection([{ lat: 30, lon: 110 }], frame)({ lat: 30, lon: 110 })).toEqual({ x: 100, y: 50 });
    expect(fitProjection([], frame)({ lat: 1, lon: 1 })).toEqual({ x: 100, y: 50 });
  });
});

describe('drawing a round', () => {
  const stop = (position: number, lat: number | null, extra: { done?: boolean; late?: string | null } = {}) => ({
    position,
    done: extra.done ?? false,
    late: extra.late ?? null,
    household: { location: lat === null ? null : { lat, lon: 110 + lat / 10 } },
  });

  it('numbers the stops in the order they are made, whatever order they come in', () => {
    const [d] = drawRounds([{ start: { lat: 29, lon: 110 }, stops: [stop(2, 29.3), stop(0, 29.1), stop(1, 29.2)] }]);
    expect(d.stops.map((s) => [s.position, s.number])).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
    ]);
    // The path: start, the stops in order, back to the start.
    const points = d.path.split(' ');
    expect(points).toHaveLength(5);
    expect(points[0]).toBe(points[4]);
    expect(points[1]).toBe(`${d.stops[0].at.x},${d.stops[0].at.y}`);
    for (const s of d.stops) {
      expect(s.at.x).toBeGreaterThanOrEqual(PICTURE.margin);
      expect(s.at.x).toBeLessThanOrEqual(PICTURE.width - PICTURE.margin);
      expect(s.at.y).toBeGreaterThanOrEqual(PICTURE.margin);
      expect(s.at.y).toBeLessThanOrEqual(PICTURE.height - PICTURE.margin);
    }
  });

  it('keeps done and late marks, and lists the stops without coordinates instead of drawing them', () => {
    const [d] = drawRounds([
      { start: { lat: 29, lon: 110 }, stops: [stop(0, 29.1, { done: true }), stop(1, null), stop(2, 29.2, { late: 'DEADLINE_PASSED' })] },
    ]);
    expect(d.stops.map((s) => [s.number, s.done, s.late])).toEqual([
      [1, true, false],
      [3, false, true],
    ]);
    expect(d.unplaced).toEqual([2]);
  });

  it('draws several rounds on one shared projection', () => {
    const [a, b] = drawRounds([
      { start: { lat: 29, lon: 110 }, stops: [stop(0, 29.1)] },
      { start: { lat: 29, lon: 110 }, stops: [stop(0, 29.5)] },
    ]);
    expect(a.start).toEqual(b.start);
    expect(b.stops[0].at.y).toBeLessThan(a.stops[0].at.y); // further north: higher up
  });

  it('pushes markers on the same spot apart so every number can be read', () => {
    const spread = spreadMarkers([
      { x: 100, y: 100 },
      { x: 100, y: 100 },
      { x: 101, y: 100 },
    ]);
    for (let i = 0; i < spread.length; i++)
      for (let j = i + 1; j < spread.length; j++)
        expect(Math.hypot(spread[i].x - spread[j].x, spread[i].y - spread[j].y)).toBeGreaterThanOrEqual(18);
    expect(spread[0]).toEqual({ x: 100, y: 100 });
  });
});

describe('the week of a day', () => {
  it('starts on Monday', () => {
    expect(mondayOf('2026-12-03')).toBe('2026-11-30'); // a Thursday
    expect(mondayOf('2026-11-30')).toBe('2026-11-30');
    expect(mondayOf('2026-12-06')).toBe('2026-11-30'); // Sunday
  });
});

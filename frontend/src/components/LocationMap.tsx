import { useI18n } from '../app/i18n';

export interface GeoPoint {
  lat: number;
  lon: number;
}

/** Great-circle distance in km. */
export function distanceKm(a: GeoPoint, b: GeoPoint): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

function formatCoord(value: number, pos: string, neg: string): string {
  return `${Math.abs(value).toFixed(5)}° ${value >= 0 ? pos : neg}`;
}

const SIZE = 140;
const C = SIZE / 2;

/**
 * The household's coordinates and a tiny inline map. When `reference` (the village centre)
 * is known, the household is placed relative to it, north up, with the distance.
 */
export function LocationMap({
  point,
  label,
  reference,
}: {
  point: GeoPoint;
  label: string;
  reference?: GeoPoint | null;
}) {
  const { t, number } = useI18n();
  let px = C;
  let py = C;
  let km: number | null = null;
  if (reference) {
    km = distanceKm(reference, point);
    // Local flat projection around the reference, scaled so the point sits inside the frame.
    const dx = (point.lon - reference.lon) * Math.cos((reference.lat * Math.PI) / 180);
    const dy = point.lat - reference.lat;
    const r = Math.hypot(dx, dy);
    const scale = r > 0 ? (C - 18) / r : 0;
    px = C + dx * scale;
    py = C - dy * scale;
  }
  return (
    <figure className="location" data-testid="household-location">
      <svg
        width={SIZE}
        height={SIZE}
        viewBox={`0 0 ${SIZE} ${SIZE}`}
        role="img"
        aria-label={`${label}: ${point.lat.toFixed(5)}, ${point.lon.toFixed(5)}`}
      >
        <rect x="0.5" y="0.5" width={SIZE - 1} height={SIZE - 1} rx="8" className="map-bg" />
        <circle cx={C} cy={C} r={C - 18} className="map-ring" />
        <line x1={C} y1="10" x2={C} y2={SIZE - 10} className="map-grid" />
        <line x1="10" y1={C} x2={SIZE - 10} y2={C} className="map-grid" />
        <text x={C} y="12" className="map-north" textAnchor="middle">
          N
        </text>
        {reference && (
          <>
            <rect x={C - 4} y={C - 4} width="8" height="8" className="map-village" />
            <line x1={C} y1={C} x2={px} y2={py} className="map-link" />
          </>
        )}
        <path
          d={`M ${px} ${py} c -6 -8 -9 -11 -9 -15 a 9 9 0 1 1 18 0 c 0 4 -3 7 -9 15 z`}
          className="map-pin"
        />
        <circle cx={px} cy={py - 15} r="3.2" className="map-pin-hole" />
      </svg>
      <figcaption>
        <span className="mono">{formatCoord(point.lat, 'N', 'S')}</span>
        <span className="mono">{formatCoord(point.lon, 'E', 'W')}</span>
        <span className="muted">
          {label}
          {km != null && ` · ${t('common.km', { km: number(km, 1) })}`}
        </span>
      </figcaption>
    </figure>
  );
}

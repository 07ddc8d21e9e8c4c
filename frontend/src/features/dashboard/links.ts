// Where each number of the dashboard opens: the list behind it, with the same filters.
import type { RegionLevel, WarningLevel } from '../../graphql/graphql';

export interface Place {
  id: string;
  level: RegionLevel;
}

/** The household list's URL filters for a region (a village needs its township too). */
export function regionParams(region: Place, path: readonly Place[]): URLSearchParams {
  const out = new URLSearchParams();
  if (region.level === 'TOWNSHIP') out.set('township', region.id);
  if (region.level === 'VILLAGE') {
    const township = path.find((p) => p.level === 'TOWNSHIP');
    if (township) out.set('township', township.id);
    out.set('village', region.id);
  }
  return out;
}

export function householdsLink(
  region: Place,
  path: readonly Place[],
  extra: { noWorker?: boolean; warning?: WarningLevel } = {},
): string {
  const params = regionParams(region, path);
  if (extra.warning) params.set('warning', extra.warning);
  if (extra.noWorker) params.set('noWorker', '1');
  const query = params.toString();
  return query ? `/households?${query}` : '/households';
}

export function alertsLink(region: Place, level: WarningLevel | null): string {
  const params = new URLSearchParams({ status: 'ALL' });
  if (level) params.set('level', level);
  if (region.level === 'TOWNSHIP') params.set('township', region.id);
  return `/alerts?${params.toString()}`;
}

export function drillLink(region: Place): string {
  return `/dashboard?region=${encodeURIComponent(region.id)}`;
}

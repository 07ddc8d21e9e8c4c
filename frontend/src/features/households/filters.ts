import { CAUSES, DIBAO_CLASSES, TIERS, WARNING_LEVELS, type Cause, type DibaoClass, type Tier, type WarningLevel } from '../../app/enums';
import type { HouseholdFilter } from '../../graphql/graphql';

export type { HouseholdFilter };

/** The household filters as they live in the URL (?township=&village=&tier=…). */
export interface HouseholdParams {
  township: string;
  village: string;
  tier: string;
  dibaoClass: string;
  cause: string;
  warning: string;
  noWorker: boolean;
  q: string;
}


function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | '' {
  return value && (allowed as readonly string[]).includes(value) ? (value as T) : '';
}

export function readParams(search: URLSearchParams): HouseholdParams {
  return {
    township: search.get('township') ?? '',
    village: search.get('village') ?? '',
    tier: oneOf(search.get('tier'), TIERS),
    dibaoClass: oneOf(search.get('class'), DIBAO_CLASSES),
    cause: oneOf(search.get('cause'), CAUSES),
    warning: oneOf(search.get('warning'), WARNING_LEVELS),
    noWorker: search.get('noWorker') === '1',
    q: search.get('q') ?? '',
  };
}

export function writeParams(p: HouseholdParams): URLSearchParams {
  const out = new URLSearchParams();
  if (p.township) out.set('township', p.township);
  if (p.township && p.village) out.set('village', p.village);
  if (p.tier) out.set('tier', p.tier);
  if (p.dibaoClass) out.set('class', p.dibaoClass);
  if (p.cause) out.set('cause', p.cause);
  if (p.warning) out.set('warning', p.warning);
  if (p.noWorker) out.set('noWorker', '1');
  if (p.q.trim()) out.set('q', p.q.trim());
  return out;
}

export function toFilter(p: HouseholdParams, allowSearch: boolean): HouseholdFilter {
  const f: HouseholdFilter = {};
  const regionId = p.village || p.township;
  if (regionId) f.regionId = regionId;
  if (p.tier) f.tier = p.tier as Tier;
  if (p.dibaoClass) f.dibaoClass = p.dibaoClass as DibaoClass;
  if (p.cause) f.cause = p.cause as Cause;
  if (p.warning) f.warningLevel = p.warning as WarningLevel;
  if (p.noWorker) f.hasNoWorker = true;
  if (allowSearch && p.q.trim()) f.search = p.q.trim();
  return f;
}

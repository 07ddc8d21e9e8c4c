import { describe, expect, it } from 'vitest';
import { alertsLink, drillLink, householdsLink } from './links';

const county = { id: 'c1', level: 'COUNTY' as const };
const township = { id: 't1', level: 'TOWNSHIP' as const };
const village = { id: 'v1', level: 'VILLAGE' as const };

describe('the list behind a dashboard number', () => {
  it('opens the household list with the region and the number’s filters', () => {
    expect(householdsLink(county, [county])).toBe('/households');
    expect(householdsLink(township, [county, township], { noWorker: true })).toBe('/households?township=t1&noWorker=1');
    // a village needs its township, as the household list's selects do
    expect(householdsLink(village, [county, township, village], { noWorker: true, warning: 'RED' })).toBe(
      '/households?township=t1&village=v1&warning=RED&noWorker=1',
    );
  });

  it('opens alerts of a level in every status, and drills down by region', () => {
    expect(alertsLink(township, 'RED')).toBe('/alerts?status=ALL&level=RED&township=t1');
    expect(alertsLink(county, null)).toBe('/alerts?status=ALL');
    expect(drillLink(village)).toBe('/dashboard?region=v1');
  });
});

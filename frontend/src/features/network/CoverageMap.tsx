// Coverage per village as a heat map over the villages' points (SVG, no tile server): the
// redder a dot, the further that village is left behind on the chosen measure.
import { useState } from 'react';
import { useI18n } from '../../app/i18n';
import type { NetworkGapsQuery } from '../../graphql/graphql';

export type VillageCoverage = NetworkGapsQuery['networkGaps']['villageCoverage'][number];
type Measure = 'workerShare' | 'cadenceShare' | 'needsShare';

const W = 520;
const H = 360;
const PAD = 24;

/** 0 → red, 0.5 → amber, 1 → green. */
export function heat(share: number): string {
  const s = Math.max(0, Math.min(1, share));
  const hue = Math.round(s * 120);
  return `hsl(${hue} 75% 45%)`;
}

export function CoverageMap({ villages, onPick }: { villages: readonly VillageCoverage[]; onPick: (villageId: string) => void }) {
  const { t, number } = useI18n();
  const [measure, setMeasure] = useState<Measure>('workerShare');
  if (villages.length === 0) return <p className="muted">{t('gaps.none')}</p>;
  const xs = villages.map((v) => v.x);
  const ys = villages.map((v) => v.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const cos = Math.cos((((y0 + y1) / 2) * Math.PI) / 180);
  const spanX = Math.max((x1 - x0) * cos, 1e-6);
  const spanY = Math.max(y1 - y0, 1e-6);
  const scale = Math.min((W - 2 * PAD) / spanX, (H - 2 * PAD) / spanY);
  const px = (x: number) => PAD + (x - x0) * cos * scale;
  const py = (y: number) => H - PAD - (y - y0) * scale;
  const maxHouseholds = Math.max(1, ...villages.map((v) => v.households));
  const measures: [Measure, string][] = [
    ['workerShare', t('gaps.coverage.worker')],
    ['cadenceShare', t('gaps.coverage.cadence')],
    ['needsShare', t('gaps.coverage.needs')],
  ];
  return (
    <div className="coverage-map" data-testid="coverage-map">
      <label className="field inline">
        <span className="field-label">{t('gaps.coverage.metric')}</span>
        <select value={measure} onChange={(e) => setMeasure(e.target.value as Measure)} data-testid="coverage-measure">
          {measures.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      </label>
      <svg width="100%" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('gaps.tab.coverage')}>
        <rect x="0.5" y="0.5" width={W - 1} height={H - 1} rx="8" className="map-bg" />
        {villages.map((v) => {
          const share = v[measure];
          const text = t('gaps.coverage.village', { village: v.villageName, percent: `${number(share * 100)}%`, households: v.households });
          return (
            <circle
              key={v.villageId}
              cx={px(v.x)}
              cy={py(v.y)}
              r={4 + 10 * Math.sqrt(v.households / maxHouseholds)}
              fill={v.households ? heat(share) : '#d0d5db'}
              fillOpacity={0.8}
              stroke="#fff"
              data-testid="coverage-village"
              onClick={() => onPick(v.villageId)}
              style={{ cursor: 'pointer' }}
            >
              <title>{text}</title>
            </circle>
          );
        })}
      </svg>
      <p className="coverage-legend small muted">
        <span className="swatch" style={{ background: heat(0) }} /> {t('gaps.coverage.low')}
        <span className="swatch" style={{ background: heat(0.5) }} />
        <span className="swatch" style={{ background: heat(1) }} /> {t('gaps.coverage.high')}
      </p>
    </div>
  );
}

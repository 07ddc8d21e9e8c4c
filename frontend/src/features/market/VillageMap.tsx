// Open needs per village as dots over the villages' own points (no tile server, no house).
import { useI18n } from '../../app/i18n';

export interface VillageDot {
  villageId: string;
  name: string;
  lat: number;
  lon: number;
  openNeeds: number;
  highUrgency: number;
}

const W = 420;
const H = 300;
const PAD = 24;

export function VillageMap({
  villages,
  selected,
  onSelect,
}: {
  villages: VillageDot[];
  selected: string;
  onSelect: (villageId: string) => void;
}) {
  const { t } = useI18n();
  if (villages.length === 0) return <p className="muted">{t('market.mapEmpty')}</p>;
  const lats = villages.map((v) => v.lat);
  const lons = villages.map((v) => v.lon);
  const [minLat, maxLat] = [Math.min(...lats), Math.max(...lats)];
  const [minLon, maxLon] = [Math.min(...lons), Math.max(...lons)];
  const midLat = ((minLat + maxLat) / 2) * (Math.PI / 180);
  // A flat projection around the county's middle, north up, keeping the aspect.
  const spanX = Math.max((maxLon - minLon) * Math.cos(midLat), 1e-6);
  const spanY = Math.max(maxLat - minLat, 1e-6);
  const scale = Math.min((W - 2 * PAD) / spanX, (H - 2 * PAD) / spanY);
  const most = Math.max(...villages.map((v) => v.openNeeds));
  return (
    <figure className="village-map" data-testid="village-map">
      <svg width="100%" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('market.map')}>
        <rect x="0.5" y="0.5" width={W - 1} height={H - 1} rx="8" className="map-bg" />
        {villages.map((v) => {
          const x = PAD + (v.lon - minLon) * Math.cos(midLat) * scale;
          const y = H - PAD - (v.lat - minLat) * scale;
          const r = 4 + 12 * Math.sqrt(v.openNeeds / most);
          const text = t('market.villageCount', { name: v.name, count: v.openNeeds, high: v.highUrgency });
          return (
            <g key={v.villageId}>
              <circle
                cx={x}
                cy={y}
                r={r}
                className={v.villageId === selected ? 'village-dot village-dot-selected' : v.highUrgency > 0 ? 'village-dot village-dot-urgent' : 'village-dot'}
                onClick={() => onSelect(v.villageId === selected ? '' : v.villageId)}
                data-testid="village-dot"
                role="button"
                aria-label={text}
              >
                <title>{text}</title>
              </circle>
            </g>
          );
        })}
      </svg>
      <figcaption className="muted">{t('market.mapHint')}</figcaption>
    </figure>
  );
}

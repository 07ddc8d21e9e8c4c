import { useI18n } from '../../app/i18n';
import { PICTURE, drawRounds, type GeoPoint, type RoundStopLike } from './projection';

export interface PictureRound<S extends RoundStopLike = RoundStopLike> {
  key: string;
  /** Where the round starts and ends (the worker's home, else the station). */
  start: GeoPoint | null;
  stops: readonly S[];
  colour: string;
}

const R = 9;

/**
 * One or several rounds over the households' coordinates, drawn in SVG (no map service): the
 * path from the start through the stops in order and back, numbered markers; visited stops
 * grey, stops that miss their deadline red. `extra` marks one more place (the station).
 */
export function RoundPicture({ rounds, extra, testId = 'round-picture' }: { rounds: PictureRound[]; extra?: { at: GeoPoint; label: string } | null; testId?: string }) {
  const { t } = useI18n();
  const withExtra = extra ? [...rounds, { key: '__extra', start: extra.at, stops: [], colour: '#000' }] : rounds;
  const drawn = drawRounds(withExtra);
  const count = rounds.reduce((n, r) => n + r.stops.length, 0);
  const single = rounds.length === 1;
  return (
    <figure className="round-picture" data-testid={testId}>
      <svg
        viewBox={`0 0 ${PICTURE.width} ${PICTURE.height}`}
        role="img"
        aria-label={t('rounds.picture', { count })}
        preserveAspectRatio="xMidYMid meet"
      >
        <rect x="0.5" y="0.5" width={PICTURE.width - 1} height={PICTURE.height - 1} rx="10" className="rp-bg" />
        {[1, 2, 3].map((i) => (
          <line key={`v${i}`} x1={(PICTURE.width / 4) * i} y1="6" x2={(PICTURE.width / 4) * i} y2={PICTURE.height - 6} className="rp-grid" />
        ))}
        {[1, 2].map((i) => (
          <line key={`h${i}`} x1="6" y1={(PICTURE.height / 3) * i} x2={PICTURE.width - 6} y2={(PICTURE.height / 3) * i} className="rp-grid" />
        ))}
        <g className="rp-north" transform={`translate(${PICTURE.width - 18} 20)`}>
          <path d="M 0 -10 L 5 4 L 0 1 L -5 4 Z" />
          <text y="15" textAnchor="middle">
            {t('rounds.legendNorth')}
          </text>
        </g>
        {drawn.slice(0, rounds.length).map((d, i) => (
          <polyline key={`p-${rounds[i].key}`} points={d.path} className="rp-path" style={{ stroke: rounds[i].colour }} />
        ))}
        {drawn.slice(0, rounds.length).map((d, i) =>
          rounds[i].start ? (
            <rect
              key={`s-${rounds[i].key}`}
              x={d.start.x - 6}
              y={d.start.y - 6}
              width="12"
              height="12"
              rx="2"
              className="rp-start"
              style={{ fill: single ? undefined : rounds[i].colour }}
            >
              <title>{t('rounds.legendStart')}</title>
            </rect>
          ) : null,
        )}
        {extra && drawn[rounds.length] && (
          <g className="rp-station" transform={`translate(${drawn[rounds.length].start.x} ${drawn[rounds.length].start.y})`}>
            <path d="M 0 -9 L 9 0 L 0 9 L -9 0 Z" />
            <title>{extra.label}</title>
          </g>
        )}
        {drawn.slice(0, rounds.length).flatMap((d, i) =>
          d.stops.map((s) => {
            const state = s.late ? 'late' : s.done ? 'done' : 'todo';
            const moved = s.marker.x !== s.at.x || s.marker.y !== s.at.y;
            return (
              <g key={`m-${rounds[i].key}-${s.position}`} className={`rp-stop rp-${state}`} data-testid="round-marker" data-state={state}>
                {moved && <line x1={s.at.x} y1={s.at.y} x2={s.marker.x} y2={s.marker.y} className="rp-leader" />}
                <circle
                  cx={s.marker.x}
                  cy={s.marker.y}
                  r={R}
                  style={state === 'todo' ? { fill: rounds[i].colour } : state === 'late' && !single ? { stroke: rounds[i].colour } : undefined}
                />
                <text x={s.marker.x} y={s.marker.y + 3.6} textAnchor="middle">
                  {s.number}
                </text>
              </g>
            );
          }),
        )}
      </svg>
      <figcaption className="rp-legend">
        <span>
          <i className="rp-key rp-key-start" /> {t('rounds.legendStart')}
        </span>
        {extra && (
          <span>
            <i className="rp-key rp-key-station" /> {extra.label}
          </span>
        )}
        <span>
          <i className="rp-key rp-key-done" /> {t('rounds.legendDone')}
        </span>
        <span>
          <i className="rp-key rp-key-late" /> {t('rounds.legendLate')}
        </span>
      </figcaption>
    </figure>
  );
}

import { formatCount } from '../components';
import { useTranslation } from '../i18n';

export interface CountyRow {
  readonly sendingCounty: { readonly code: string; readonly name: string; readonly province: string };
  readonly intentions: number;
  readonly registeredPoorIntentions: number;
  readonly hires: number;
  readonly retained12m: number;
}

const SERIES = [
  { key: 'intentions', label: 'charts.intentions', legendX: 0 },
  { key: 'registeredPoorIntentions', label: 'charts.poor', legendX: 110 },
  { key: 'hires', label: 'charts.hires', legendX: 260 },
  { key: 'retained12m', label: 'charts.retained12m', legendX: 340 },
] as const;

const LABEL = 150;
const WIDTH = 560;
const BAR = WIDTH - LABEL - 60;
const BAR_HEIGHT = 9;

/** Per sending county, grouped bars on one scale: intentions, of them registered poor, hired, retained. */
export function CountyChart({ rows }: { rows: readonly CountyRow[] }) {
  const { t } = useTranslation();
  const top = Math.max(1, ...rows.map((r) => r.intentions));
  const group = SERIES.length * BAR_HEIGHT + 12;
  return (
    <figure className="county-chart">
      <svg className="chart" viewBox={`0 0 ${WIDTH} ${rows.length * group + 24}`} role="img" aria-label={t('charts.countyLabel')}>
        <g className="legend">
          {SERIES.map((s, i) => (
            <g key={s.key} transform={`translate(${10 + s.legendX}, 4)`}>
              <rect width={10} height={10} className={`series-${i}`} />
              <text x={14} y={9} className="axis-label">
                {t(s.label)}
              </text>
            </g>
          ))}
        </g>
        {rows.map((row, r) => (
          <g key={row.sendingCounty.code} transform={`translate(0, ${24 + r * group})`}>
            <text x={LABEL - 8} y={group / 2} textAnchor="end" className="axis-label">
              {row.sendingCounty.name}
            </text>
            {SERIES.map((s, i) => {
              const value = row[s.key];
              const width = Math.max((value / top) * BAR, value > 0 ? 1 : 0);
              return (
                <g key={s.key}>
                  <rect x={LABEL} y={i * BAR_HEIGHT + 2} width={width} height={BAR_HEIGHT - 1} className={`series-${i}`} />
                  <text x={LABEL + width + 4} y={i * BAR_HEIGHT + BAR_HEIGHT} className="value-label small">
                    {formatCount(value)}
                  </text>
                </g>
              );
            })}
          </g>
        ))}
      </svg>
    </figure>
  );
}

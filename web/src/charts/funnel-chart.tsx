import { formatCount, formatShare } from '../components';

export interface FunnelFigures {
  readonly intentions: number;
  readonly hires: number;
  readonly registrations: number;
  readonly retained3m: number;
  readonly retained6m: number;
  readonly retained12m: number;
}

export const FUNNEL_STEPS: readonly { readonly key: keyof FunnelFigures; readonly label: string }[] = [
  { key: 'intentions', label: 'Intentions' },
  { key: 'hires', label: 'Hired' },
  { key: 'registrations', label: 'Registered' },
  { key: 'retained3m', label: 'Retained 3 months' },
  { key: 'retained6m', label: 'Retained 6 months' },
  { key: 'retained12m', label: 'Retained 12 months' },
];

const ROW = 28;
const LABEL = 150;
const WIDTH = 560;
const BAR = WIDTH - LABEL - 120;

/**
 * The placement funnel as horizontal bars, each step's width against the intentions; the figures
 * are in the drawing and in its accessible description.
 */
export function FunnelChart({ figures, title, compact = false }: { figures: FunnelFigures; title: string; compact?: boolean }) {
  const top = Math.max(figures.intentions, 1);
  const description = FUNNEL_STEPS.map((s) => `${s.label} ${formatCount(figures[s.key])}`).join(', ');
  const rowHeight = compact ? 20 : ROW;
  return (
    <svg className="chart funnel" viewBox={`0 0 ${WIDTH} ${FUNNEL_STEPS.length * rowHeight + 4}`} role="img" aria-label={`${title}: ${description}`}>
      <title>{`${title}: ${description}`}</title>
      {FUNNEL_STEPS.map((step, i) => {
        const value = figures[step.key];
        const width = Math.max((value / top) * BAR, value > 0 ? 2 : 0);
        const y = i * rowHeight + 2;
        return (
          <g key={step.key} className={`step step-${i}`}>
            <text x={LABEL - 8} y={y + rowHeight * 0.65} textAnchor="end" className="axis-label">
              {step.label}
            </text>
            <rect x={LABEL} y={y + 2} width={width} height={rowHeight - 6} rx={3} />
            <text x={LABEL + width + 6} y={y + rowHeight * 0.65} className="value-label">
              {formatCount(value)}
              {i > 0 ? ` · ${formatShare(value, figures.intentions)}` : ''}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

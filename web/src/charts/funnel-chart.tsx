import { formatCount, formatShare } from '../components';
import { useTranslation } from '../i18n';

export interface FunnelFigures {
  readonly intentions: number;
  readonly hires: number;
  readonly registrations: number;
  readonly retained3m: number;
  readonly retained6m: number;
  readonly retained12m: number;
}

export const FUNNEL_STEPS: readonly (keyof FunnelFigures)[] = ['intentions', 'hires', 'registrations', 'retained3m', 'retained6m', 'retained12m'];

const ROW = 28;
const LABEL = 150;
const WIDTH = 560;
const BAR = WIDTH - LABEL - 120;

/**
 * The placement funnel as horizontal bars, each step's width against the intentions; the figures
 * are in the drawing and in its accessible description.
 */
export function FunnelChart({ figures, title, compact = false }: { figures: FunnelFigures; title: string; compact?: boolean }) {
  const { t } = useTranslation();
  const top = Math.max(figures.intentions, 1);
  const description = t('funnel.description', { title, steps: FUNNEL_STEPS.map((s) => `${t(`funnel.${s}`)} ${formatCount(figures[s])}`).join(', ') });
  const rowHeight = compact ? 20 : ROW;
  // Six empty bars say less than a sentence.
  if (figures.intentions === 0) return <p className="muted funnel-empty">{t('funnel.empty')}</p>;
  return (
    <svg className="chart funnel" viewBox={`0 0 ${WIDTH} ${FUNNEL_STEPS.length * rowHeight + 4}`} role="img" aria-label={description}>
      <title>{description}</title>
      {FUNNEL_STEPS.map((step, i) => {
        const value = figures[step];
        const width = Math.max((value / top) * BAR, value > 0 ? 2 : 0);
        const y = i * rowHeight + 2;
        return (
          <g key={step} className={`step step-${i}`}>
            <text x={LABEL - 8} y={y + rowHeight * 0.65} textAnchor="end" className="axis-label">
              {t(`funnel.${step}`)}
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

import { formatCount, formatShare } from '../components';
import { useTranslation } from '../i18n';

/** One part of a whole as a filled bar, e.g. intentions of registered-poor people among all. */
export function ShareBar({ part, whole, label }: { part: number; whole: number; label: string }) {
  const { t } = useTranslation();
  const share = whole > 0 ? part / whole : 0;
  const text = t('charts.share', { label, part: formatCount(part), whole: formatCount(whole), share: formatShare(part, whole) });
  return (
    <figure className="share">
      <svg className="chart share-bar" viewBox="0 0 300 18" role="img" aria-label={text}>
        <title>{text}</title>
        <rect x={0} y={0} width={300} height={18} rx={4} className="whole" />
        <rect x={0} y={0} width={share * 300} height={18} rx={4} className="part" />
      </svg>
      <figcaption>{text}</figcaption>
    </figure>
  );
}

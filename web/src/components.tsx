import type { AnchorHTMLAttributes, ReactNode } from 'react';
import type { ApiError } from './graphql-client';
import { useTranslation } from './i18n';
import { PROVINCES } from './provinces';
import { navigate } from './routes';

export { formatCount, formatDate, formatDateTime, formatFen, formatShare, formatYuan } from './i18n';

/** A real link (keyboard, middle-click, copy address) that navigates inside the app. */
export function Link({ href, children, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  return (
    <a
      href={href}
      {...rest}
      onClick={(event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        navigate(href);
      }}
    >
      {children}
    </a>
  );
}

export function Loading({ what }: { what: string }) {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status" aria-live="polite">
      {t('common.loading', { what })}
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

/** Errors of a whole screen's query, with the server's own message and code. */
export function ErrorList({ errors, onRetry }: { errors: readonly ApiError[]; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (errors.length === 0) return null;
  return (
    <div className="error-box" role="alert">
      <ul>
        {errors.map((error, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: errors of one response, never reordered
          <li key={i}>
            <code>{error.code}</code> {error.message}
          </li>
        ))}
      </ul>
      {onRetry ? (
        <button type="button" onClick={onRetry}>
          {t('common.tryAgain')}
        </button>
      ) : null}
    </div>
  );
}

export function Pager({
  label,
  pageNumber,
  hasNextPage,
  onPrevious,
  onNext,
}: {
  label: string;
  pageNumber: number;
  hasNextPage: boolean;
  onPrevious: () => void;
  onNext: () => void;
}) {
  const { t } = useTranslation();
  return (
    <nav className="pager" aria-label={t('common.pages', { label })}>
      <button type="button" onClick={onPrevious} disabled={pageNumber <= 1}>
        {t('common.previousPage')}
      </button>
      <span aria-live="polite">{t('common.page', { n: pageNumber })}</span>
      <button type="button" onClick={onNext} disabled={!hasNextPage}>
        {t('common.nextPage')}
      </button>
    </nav>
  );
}

/** Regions grouped by province: 四川省（布拖县、昭觉县）；重庆市. */
export function regionNames(regions: readonly { name: string; province: string }[]): string {
  const byProvince = new Map<string, string[]>();
  for (const r of regions) {
    const names = byProvince.get(r.province) ?? [];
    if (r.name !== r.province) names.push(r.name);
    byProvince.set(r.province, names);
  }
  return [...byProvince].map(([province, names]) => (names.length > 0 ? `${province}（${names.join('、')}）` : province)).join('；');
}

/** A labelled choice of one province (GB/T 2260 code) or none, for a filter form. */
export function ProvinceField({ id, name, label, defaultValue }: { id: string; name: string; label: string; defaultValue: string }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={defaultValue}>
        <option value="">{t('common.anyProvince')}</option>
        {PROVINCES.map((p) => (
          <option key={p.code} value={p.code}>
            {i18n.language === 'en' ? `${p.nameEn} ${p.name}` : p.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Errors the server attached to one input field (`extensions.field` or a BAD_USER_INPUT's problems). */
export function FieldErrors({ id, errors }: { id: string; errors: readonly { code?: string; message: string }[] }) {
  if (errors.length === 0) return null;
  return (
    <div id={id} className="field-error" role="alert">
      {errors.map((e, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: errors of one response, never reordered
        <p key={i}>
          {e.code ? <code>{e.code}</code> : null} {e.message}
        </p>
      ))}
    </div>
  );
}

/**
 * A wide table's own scrolling box (phones scroll it sideways instead of the page). Focusable, so
 * keyboard users can scroll it too (WCAG 2.1.1; axe-core's scrollable-region-focusable).
 */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus to be scrolled by keyboard
    <section className="table-wrap" tabIndex={0} aria-label={label}>
      {children}
    </section>
  );
}

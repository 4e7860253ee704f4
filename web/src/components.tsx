import type { AnchorHTMLAttributes, ReactNode } from 'react';
import type { ApiError } from './graphql-client';
import { PROVINCES } from './provinces';
import { navigate } from './routes';

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
  return (
    <p className="loading" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

/** Errors of a whole screen's query, with the server's own message and code. */
export function ErrorList({ errors, onRetry }: { errors: readonly ApiError[]; onRetry?: () => void }) {
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
          Try again
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
  return (
    <nav className="pager" aria-label={`${label} pages`}>
      <button type="button" onClick={onPrevious} disabled={pageNumber <= 1}>
        ← Previous page
      </button>
      <span aria-live="polite">Page {pageNumber}</span>
      <button type="button" onClick={onNext} disabled={!hasNextPage}>
        Next page →
      </button>
    </nav>
  );
}

const integer = new Intl.NumberFormat('en-US');
export const formatCount = (value: number) => integer.format(value);
export const formatYuan = (value: number) => `${value < 0 ? '−' : ''}¥${integer.format(Math.abs(value))}`;
export const formatShare = (part: number, whole: number) => (whole > 0 ? `${Math.round((part / whole) * 1000) / 10} %` : '—');

/** Regions grouped by province: 四川省 (布拖县, 昭觉县), 重庆市. */
export function regionNames(regions: readonly { name: string; province: string }[]): string {
  const byProvince = new Map<string, string[]>();
  for (const r of regions) {
    const names = byProvince.get(r.province) ?? [];
    if (r.name !== r.province) names.push(r.name);
    byProvince.set(r.province, names);
  }
  return [...byProvince].map(([province, names]) => (names.length > 0 ? `${province} (${names.join(', ')})` : province)).join('; ');
}

/** A labelled choice of one province (GB/T 2260 code) or none, for a filter form. */
export function ProvinceField({ id, name, label, defaultValue }: { id: string; name: string; label: string; defaultValue: string }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={defaultValue}>
        <option value="">Any province</option>
        {PROVINCES.map((p) => (
          <option key={p.code} value={p.code}>
            {p.name} {p.nameEn}
          </option>
        ))}
      </select>
    </div>
  );
}

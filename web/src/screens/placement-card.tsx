import { useId, useState, type FormEvent } from 'react';
import { AdvancePlacementDocument, PlacementByIdDocument, type PlacementCardFragment, type PlacementStatus } from '../generated/graphql';
import { executeOperation, type ApiError } from '../graphql-client';
import { formatYuan, Link } from '../components';
import { paths } from '../routes';

export const STATUS_LABELS: Readonly<Record<PlacementStatus, string>> = {
  INTENT: 'Intention',
  HIRED: 'Hired',
  REGISTERED: 'Employment registered',
  RETAINED_3M: 'Retained 3 months',
  RETAINED_6M: 'Retained 6 months',
  RETAINED_12M: 'Retained 12 months',
  LEFT: 'Left the job',
};

/** Where each error belongs: next to the field it names, or next to the action. */
function placeErrors(errors: readonly ApiError[]) {
  const to = errors.filter((e) => e.field === 'input.to');
  const wage = errors.filter((e) => e.field === 'input.monthlyWageYuan');
  const stale = errors.find((e) => e.code === 'CONFLICT' && e.expectedVersion !== undefined);
  const action = errors.filter((e) => !to.includes(e) && !wage.includes(e));
  return { to, wage, stale, action };
}

function FieldErrors({ id, errors }: { id: string; errors: readonly ApiError[] }) {
  if (errors.length === 0) return null;
  return (
    <div id={id} className="field-error" role="alert">
      {errors.map((e, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: errors of one response, never reordered
        <p key={i}>
          <code>{e.code}</code> {e.message}
        </p>
      ))}
    </div>
  );
}

export function PlacementCard({ placement: initial, token }: { placement: PlacementCardFragment; token: string }) {
  const [placement, setPlacement] = useState(initial);
  const [errors, setErrors] = useState<readonly ApiError[]>([]);
  const [busy, setBusy] = useState(false);
  const [to, setTo] = useState<PlacementStatus | ''>('');
  const [notice, setNotice] = useState<string | null>(null);
  const ids = { to: useId(), wage: useId(), toError: useId(), wageError: useId(), actionError: useId() };
  const placed = placeErrors(errors);

  const advance = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!to) return setErrors([{ code: 'BAD_USER_INPUT', field: 'input.to', message: 'Choose the status to move to.' }]);
    const wageText = String(new FormData(event.currentTarget).get('monthlyWageYuan') ?? '').trim();
    setBusy(true);
    setNotice(null);
    const result = await executeOperation(
      AdvancePlacementDocument,
      {
        input: {
          id: placement.id,
          expectedVersion: placement.version,
          to,
          ...(wageText ? { monthlyWageYuan: Number(wageText) } : {}),
        },
      },
      { token },
    );
    setBusy(false);
    if (result.data?.advancePlacement) {
      setPlacement(result.data.advancePlacement);
      setErrors([]);
      setTo('');
      setNotice(`Moved to ${STATUS_LABELS[result.data.advancePlacement.status]}.`);
    } else {
      setErrors(result.errors.length > 0 ? result.errors : [{ code: 'UNKNOWN', message: 'The move was not made and the server gave no reason.' }]);
    }
  };

  const reload = async () => {
    setBusy(true);
    const result = await executeOperation(PlacementByIdDocument, { id: placement.id }, { token });
    setBusy(false);
    if (result.data?.placement) {
      setPlacement(result.data.placement);
      setErrors([]);
      setNotice(`Reloaded: now ${STATUS_LABELS[result.data.placement.status]}, version ${result.data.placement.version}. Choose the move again.`);
    } else {
      setErrors(result.errors.length > 0 ? result.errors : [{ code: 'NOT_FOUND', message: 'The placement no longer exists.' }]);
    }
  };

  const headingId = `placement-${placement.id}`;
  return (
    <article className="placement" aria-labelledby={headingId} data-placement={placement.id}>
      <h3 id={headingId}>
        {placement.posting.title} — {placement.posting.employer.name}
      </h3>
      <p className="meta">
        <Link href={paths.program(placement.program.id)}>{placement.program.name}</Link>
        {placement.event ? (
          <>
            {' '}
            · <Link href={paths.fair(placement.event.id)}>{placement.event.name}</Link> ({placement.event.heldOn})
          </>
        ) : null}{' '}
        · from {placement.sendingCounty.name}
      </p>
      <p>
        Status: <strong data-status>{STATUS_LABELS[placement.status]}</strong> <span className="muted">(version {placement.version})</span>
        {placement.monthlyWageYuan != null ? ` · wage ${formatYuan(placement.monthlyWageYuan)}/month` : ''}
        {placement.monthlyWageUpliftYuan != null ? ` · uplift ${formatYuan(placement.monthlyWageUpliftYuan)}` : ''}
      </p>
      <h4>History</h4>
      <ol className="history">
        {placement.history.map((step) => (
          <li key={`${step.at} ${step.status}`}>
            {STATUS_LABELS[step.status]} — <time dateTime={step.at}>{step.at.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')}</time>
            {step.by ? ` by ${step.by}` : ''}
          </li>
        ))}
      </ol>
      <form className="advance" onSubmit={advance} aria-label={`Advance placement ${placement.posting.title}`} noValidate>
        <div className="field">
          <label htmlFor={ids.to}>Move to</label>
          <select
            id={ids.to}
            value={to}
            onChange={(e) => setTo(e.target.value as PlacementStatus | '')}
            aria-invalid={placed.to.length > 0 || undefined}
            aria-describedby={placed.to.length > 0 ? ids.toError : undefined}
          >
            <option value="">Choose a status…</option>
            {(Object.keys(STATUS_LABELS) as PlacementStatus[]).map((status) => (
              <option key={status} value={status} disabled={status === placement.status}>
                {STATUS_LABELS[status]}
              </option>
            ))}
          </select>
          <FieldErrors id={ids.toError} errors={placed.to} />
        </div>
        {to === 'HIRED' || placed.wage.length > 0 ? (
          <div className="field">
            <label htmlFor={ids.wage}>Agreed monthly wage (yuan)</label>
            <input
              id={ids.wage}
              name="monthlyWageYuan"
              type="number"
              inputMode="numeric"
              min={1}
              max={100000}
              aria-invalid={placed.wage.length > 0 || undefined}
              aria-describedby={placed.wage.length > 0 ? ids.wageError : undefined}
            />
            <FieldErrors id={ids.wageError} errors={placed.wage} />
          </div>
        ) : null}
        <div className="actions">
          <button type="submit" disabled={busy} aria-describedby={placed.action.length > 0 ? ids.actionError : undefined}>
            {busy ? 'Saving…' : 'Advance placement'}
          </button>
          <FieldErrors id={ids.actionError} errors={placed.action} />
          {placed.stale ? (
            <button type="button" onClick={reload} disabled={busy}>
              Reload placement
            </button>
          ) : null}
        </div>
        {notice ? (
          <p className="notice" role="status">
            {notice}
          </p>
        ) : null}
      </form>
    </article>
  );
}

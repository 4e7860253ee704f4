import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { AdvancePlacementDocument, HireDocument, PlacementByIdDocument, type PlacementCardFragment, type PlacementStatus } from '../generated/graphql';
import { executeOperation, type ApiError } from '../graphql-client';
import { FieldErrors, formatDate, formatDateTime, formatFen, formatYuan, Link } from '../components';
import { useTranslation } from '../i18n';
import { paths } from '../routes';
// The same rule the programs subgraph enforces: only the legal next statuses are offered.
import { allowedNext } from '../../../subgraphs/shared/domain/placement-statuses';

/** How long the card waits for the programs subgraph to see the employers subgraph's hire (its stream projection). */
const HIRE_SYNC_ATTEMPTS = 30;
const HIRE_SYNC_INTERVAL_MS = 1000;

/** Where each error belongs: next to the field it names, or next to the action. */
function placeErrors(errors: readonly ApiError[]) {
  const to = errors.filter((e) => e.field === 'input.to');
  const wage = errors.filter((e) => e.field === 'input.monthlyWageYuan');
  const stale = errors.find((e) => e.code === 'CONFLICT' && e.expectedVersion !== undefined);
  const action = errors.filter((e) => !to.includes(e) && !wage.includes(e));
  return { to, wage, stale, action };
}

/** The CONFLICT advancePlacement answers while the hire has not reached the programs subgraph yet. */
const isHireNotSeenYet = (errors: readonly ApiError[]) => errors.length === 1 && errors[0]!.code === 'CONFLICT' && errors[0]!.expectedVersion === undefined;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function PlacementCard({ placement: initial, personId, token }: { placement: PlacementCardFragment; personId: string; token: string }) {
  const { t } = useTranslation();
  const [placement, setPlacement] = useState(initial);
  const [errors, setErrors] = useState<readonly ApiError[]>([]);
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<number | null>(null);
  const [to, setTo] = useState<PlacementStatus | ''>('');
  const [notice, setNotice] = useState<string | null>(null);
  const ids = { to: useId(), wage: useId(), toError: useId(), wageError: useId(), actionError: useId() };
  const placed = placeErrors(errors);
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );
  const statusLabel = (status: PlacementStatus) => t(`placementStatus.${status}`);
  const next = allowedNext(placement.status).filter((status) => status !== 'HIRED');

  const done = (moved: PlacementCardFragment, message: string) => {
    setPlacement(moved);
    setErrors([]);
    setTo('');
    setNotice(message);
  };

  const hire = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const wageText = String(new FormData(event.currentTarget).get('monthlyWageYuan') ?? '').trim();
    const wage = Number(wageText);
    if (!/^\d+$/.test(wageText) || wage < 1 || wage > 100_000) {
      return setErrors([{ code: 'BAD_USER_INPUT', field: 'input.monthlyWageYuan', message: t('placement.hireWageInvalid') }]);
    }
    setBusy(true);
    setNotice(null);
    setErrors([]);
    // The placement's id as the key: pressing Hire again (after a timeout, a reload) never hires twice.
    const hired = await executeOperation(
      HireDocument,
      { input: { postingId: placement.posting.id, personId, idempotencyKey: `placement-${placement.id}` } },
      { token },
    );
    // A CONFLICT here can be an earlier hire of the same person into this posting: the move below tells.
    if (!hired.data?.hire && hired.errors.some((e) => e.code !== 'CONFLICT')) {
      setBusy(false);
      return setErrors(hired.errors);
    }
    setPending(0);
    for (let attempt = 1; attempt <= HIRE_SYNC_ATTEMPTS && mounted.current; attempt++) {
      const moved = await executeOperation(
        AdvancePlacementDocument,
        { input: { id: placement.id, expectedVersion: placement.version, to: 'HIRED', monthlyWageYuan: wage } },
        { token },
      );
      if (moved.data?.advancePlacement) {
        setPending(null);
        setBusy(false);
        return done(moved.data.advancePlacement, t('placement.hired', { amount: formatYuan(wage) }));
      }
      if (!isHireNotSeenYet(moved.errors)) {
        setPending(null);
        setBusy(false);
        return setErrors(moved.errors.length > 0 ? moved.errors : [{ code: 'UNKNOWN', message: t('placement.noReason') }]);
      }
      setPending(attempt);
      await sleep(HIRE_SYNC_INTERVAL_MS);
    }
    setPending(null);
    setBusy(false);
    setNotice(t('placement.pendingTimeout'));
  };

  const advance = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!to) return setErrors([{ code: 'BAD_USER_INPUT', field: 'input.to', message: t('placement.chooseFirst') }]);
    setBusy(true);
    setNotice(null);
    const result = await executeOperation(AdvancePlacementDocument, { input: { id: placement.id, expectedVersion: placement.version, to } }, { token });
    setBusy(false);
    if (result.data?.advancePlacement) done(result.data.advancePlacement, t('placement.moved', { status: statusLabel(result.data.advancePlacement.status) }));
    else setErrors(result.errors.length > 0 ? result.errors : [{ code: 'UNKNOWN', message: t('placement.noReason') }]);
  };

  const reload = async () => {
    setBusy(true);
    const result = await executeOperation(PlacementByIdDocument, { id: placement.id }, { token });
    setBusy(false);
    if (result.data?.placement)
      done(result.data.placement, t('placement.reloaded', { status: statusLabel(result.data.placement.status), v: result.data.placement.version }));
    else setErrors(result.errors.length > 0 ? result.errors : [{ code: 'NOT_FOUND', message: t('placement.gone') }]);
  };

  const headingId = `placement-${placement.id}`;
  const claims = [
    ...(placement.travelReimbursementClaim
      ? [
          t('placement.travelClaim', {
            amount: formatFen(placement.travelReimbursementClaim.amountFen),
            months: placement.travelReimbursementClaim.monthsWorked,
            at: formatDateTime(placement.travelReimbursementClaim.filedAt),
          }),
        ]
      : []),
    ...placement.socialInsuranceSubsidyClaims.map((c) =>
      t('placement.insuranceClaim', { month: c.month, subsidy: formatFen(c.subsidyFen), contribution: formatFen(c.contributionFen) }),
    ),
  ];
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
            · <Link href={paths.fair(placement.event.id)}>{placement.event.name}</Link>（{formatDate(placement.event.heldOn)}）
          </>
        ) : null}{' '}
        · {t('placement.from', { county: placement.sendingCounty.name })}
      </p>
      <p>
        {t('placement.status')}
        <strong data-status>{statusLabel(placement.status)}</strong> <span className="muted">{t('placement.version', { v: placement.version })}</span>
        {placement.monthlyWageYuan != null ? t('placement.wage', { amount: t('common.perMonth', { amount: formatYuan(placement.monthlyWageYuan) }) }) : ''}
        {placement.monthlyWageUpliftYuan != null ? t('placement.uplift', { amount: formatYuan(placement.monthlyWageUpliftYuan) }) : ''}
      </p>
      <h4>{t('placement.history')}</h4>
      <ol className="history">
        {placement.history.map((step) => (
          <li key={`${step.at} ${step.status}`}>
            {t('placement.historyLine', { status: statusLabel(step.status), at: formatDateTime(step.at) })}
            {step.by ? t('placement.by', { by: step.by }) : ''}
          </li>
        ))}
      </ol>
      <h4>{t('placement.claims')}</h4>
      {claims.length === 0 ? (
        <p className="muted">{t('placement.noClaims')}</p>
      ) : (
        <ul className="list">
          {claims.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
      )}

      {placement.status === 'INTENT' ? (
        <form className="advance" onSubmit={hire} aria-label={`${t('placement.hireTitle')} ${placement.posting.title}`} noValidate>
          <div className="field">
            <label htmlFor={ids.wage}>{t('placement.hireWage')}</label>
            <input
              id={ids.wage}
              name="monthlyWageYuan"
              type="number"
              inputMode="numeric"
              min={1}
              max={100000}
              defaultValue={placement.posting.monthlyWageMinYuan}
              aria-invalid={placed.wage.length > 0 || undefined}
              aria-describedby={placed.wage.length > 0 ? ids.wageError : undefined}
            />
            <FieldErrors id={ids.wageError} errors={placed.wage} />
          </div>
          <div className="actions">
            <button type="submit" disabled={busy} aria-describedby={placed.action.length > 0 ? ids.actionError : undefined}>
              {busy ? t('placement.hiring') : t('placement.hireButton')}
            </button>
            <FieldErrors id={ids.actionError} errors={placed.action} />
          </div>
          {pending !== null ? (
            <p className="pending" role="status" data-pending>
              {t('placement.pending', { n: pending })}
            </p>
          ) : null}
          {notice ? (
            <p className="notice" role="status">
              {notice}
            </p>
          ) : null}
        </form>
      ) : next.length === 0 ? (
        <>
          <p className="muted">{t('placement.noMove')}</p>
          {notice ? (
            <p className="notice" role="status">
              {notice}
            </p>
          ) : null}
        </>
      ) : (
        <form className="advance" onSubmit={advance} aria-label={`${t('placement.advance')} ${placement.posting.title}`} noValidate>
          <div className="field">
            <label htmlFor={ids.to}>{t('placement.moveTo')}</label>
            <select
              id={ids.to}
              value={to}
              onChange={(e) => setTo(e.target.value as PlacementStatus | '')}
              aria-invalid={placed.to.length > 0 || undefined}
              aria-describedby={placed.to.length > 0 ? ids.toError : undefined}
            >
              <option value="">{t('placement.choose')}</option>
              {next.map((status) => (
                <option key={status} value={status}>
                  {statusLabel(status)}
                </option>
              ))}
            </select>
            <FieldErrors id={ids.toError} errors={placed.to} />
          </div>
          <div className="actions">
            <button type="submit" disabled={busy} aria-describedby={placed.action.length > 0 ? ids.actionError : undefined}>
              {busy ? t('common.saving') : t('placement.advance')}
            </button>
            <FieldErrors id={ids.actionError} errors={placed.action} />
            {placed.stale ? (
              <button type="button" onClick={reload} disabled={busy}>
                {t('placement.reload')}
              </button>
            ) : null}
          </div>
          {notice ? (
            <p className="notice" role="status">
              {notice}
            </p>
          ) : null}
        </form>
      )}
    </article>
  );
}

import { useId, useState, type FormEvent } from 'react';
import { PersonByIdNumberDocument, RecordIntentionDocument } from '../generated/graphql';
import { executeOperation, type ApiError } from '../graphql-client';
import { ErrorList, FieldErrors, Link } from '../components';
import { useTranslation } from '../i18n';
import { paths } from '../routes';

const ID_NUMBER = /^\d{17}[\dX]$/;

interface Posting {
  readonly id: string;
  readonly title: string;
  readonly employer: { readonly name: string };
}

/**
 * 记录就业意向 at a fair: the worker found by their full ID number, one of the fair's postings; the
 * programs subgraph's recordIntention (recording it again returns the same placement).
 */
export function RecordIntention({ fair, token }: { fair: { id: string; program: { id: string }; offeredPostings: readonly Posting[] }; token: string }) {
  const { t } = useTranslation();
  const ids = { idNumber: useId(), idError: useId(), posting: useId(), postingError: useId(), heading: useId() };
  const [errors, setErrors] = useState<readonly ApiError[]>([]);
  const [busy, setBusy] = useState(false);
  const [recorded, setRecorded] = useState<{ placementId: string; personId: string; name: string; posting: string } | null>(null);
  const idErrors = errors.filter((e) => e.field === 'idNumber' || e.field === 'input.personId');
  const postingErrors = errors.filter((e) => e.field === 'input.postingId');
  const general = errors.filter((e) => !idErrors.includes(e) && !postingErrors.includes(e));

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const idNumber = String(form.get('idNumber') ?? '')
      .trim()
      .toUpperCase();
    const postingId = String(form.get('postingId') ?? '');
    const problems: ApiError[] = [];
    if (!ID_NUMBER.test(idNumber)) problems.push({ code: 'BAD_USER_INPUT', field: 'idNumber', message: t('intention.idNumberInvalid') });
    if (!postingId) problems.push({ code: 'BAD_USER_INPUT', field: 'input.postingId', message: t('intention.choosePosting') });
    if (problems.length > 0) return setErrors(problems);
    setBusy(true);
    setErrors([]);
    setRecorded(null);
    const found = await executeOperation(PersonByIdNumberDocument, { idNumber }, { token });
    const person = found.data?.personByIdNumber;
    if (!person) {
      setBusy(false);
      return setErrors(found.errors.length > 0 ? found.errors : [{ code: 'NOT_FOUND', field: 'idNumber', message: t('intention.notFound') }]);
    }
    const answer = await executeOperation(
      RecordIntentionDocument,
      { input: { personId: person.id, postingId, programId: fair.program.id, eventId: fair.id } },
      { token },
    );
    setBusy(false);
    const placement = answer.data?.recordIntention;
    if (!placement) return setErrors(answer.errors);
    setRecorded({
      placementId: placement.id,
      personId: person.id,
      name: person.name,
      posting: `${placement.posting.title} — ${placement.posting.employer.name}`,
    });
  };

  return (
    <section aria-labelledby={ids.heading}>
      <h2 id={ids.heading}>{t('intention.title')}</h2>
      <form className="filters" onSubmit={submit} aria-label={t('intention.title')} noValidate>
        <div className="field">
          <label htmlFor={ids.idNumber}>{t('intention.idNumber')}</label>
          <input
            id={ids.idNumber}
            name="idNumber"
            autoComplete="off"
            maxLength={18}
            aria-invalid={idErrors.length > 0 || undefined}
            aria-describedby={idErrors.length > 0 ? ids.idError : undefined}
          />
          <FieldErrors id={ids.idError} errors={idErrors} />
        </div>
        <div className="field">
          <label htmlFor={ids.posting}>{t('intention.posting')}</label>
          <select
            id={ids.posting}
            name="postingId"
            defaultValue=""
            aria-invalid={postingErrors.length > 0 || undefined}
            aria-describedby={postingErrors.length > 0 ? ids.postingError : undefined}
          >
            <option value="">{t('placement.choose')}</option>
            {fair.offeredPostings.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title} — {p.employer.name}
              </option>
            ))}
          </select>
          <FieldErrors id={ids.postingError} errors={postingErrors} />
        </div>
        <div className="actions">
          <button type="submit" disabled={busy}>
            {busy ? t('common.saving') : t('intention.submit')}
          </button>
        </div>
      </form>
      <ErrorList errors={general} />
      {recorded ? (
        <p className="notice" role="status">
          {t('intention.recorded', { name: recorded.name, posting: recorded.posting })}{' '}
          <Link href={paths.person(recorded.personId)}>{t('intention.openPerson')}</Link>
        </p>
      ) : null}
    </section>
  );
}

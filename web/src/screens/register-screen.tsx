import { useId, useState, type FormEvent, type ReactNode } from 'react';
import {
  AddHouseholdMemberDocument,
  RegisterHouseholdDocument,
  RegisterPersonDocument,
  type PovertyStatus,
  type RegisterPersonInput,
} from '../generated/graphql';
import { executeOperation, type ApiError } from '../graphql-client';
import { ErrorList, FieldErrors, Link } from '../components';
import { useTranslation } from '../i18n';
import { PROVINCES } from '../provinces';
import { paths } from '../routes';
import { useSession } from '../session';
import { SignIn } from './sign-in';

/** The form's fields, by the input field the server names in its errors. */
const FIELDS = [
  'name',
  'idNumber',
  'phone',
  'hometownCountyCode',
  'skills',
  'occupations',
  'destinationProvinceCodes',
  'minimumMonthlyWageYuan',
  'household',
] as const;
type Field = (typeof FIELDS)[number];

/** Which form field a server error belongs beside: `input.jobIntention.occupations[0]` → occupations. */
function fieldOf(path: string | undefined): Field | null {
  if (!path) return null;
  const last = path
    .replace(/\[\d+\]$/, '')
    .split('.')
    .at(-1);
  if (path.startsWith('input.memberIds') || path === 'input.regionCode' || path === 'input.householdId') return 'household';
  return (FIELDS as readonly string[]).includes(last ?? '') ? (last as Field) : null;
}

/** Every problem of a response, by field; the rest stays general. */
function placeProblems(
  errors: readonly ApiError[],
  explain: (field: Field) => string,
): { byField: Partial<Record<Field, { code?: string; message: string }[]>>; general: ApiError[] } {
  const byField: Partial<Record<Field, { code?: string; message: string }[]>> = {};
  const general: ApiError[] = [];
  for (const error of errors) {
    const problems = error.problems ?? (error.field ? [{ field: error.field, message: error.message }] : []);
    const placed = problems.filter((p) => fieldOf(p.field));
    for (const p of placed) {
      const field = fieldOf(p.field)!;
      // The field's rule in the user's language; the server's own words (English, for developers) stay out of the form.
      byField[field] = [...(byField[field] ?? []), { message: explain(field) }];
    }
    if (placed.length === 0) general.push(error);
  }
  return { byField, general };
}

const split = (value: FormDataEntryValue | null) =>
  String(value ?? '')
    .split(/[、,，;；\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** 登记人员: a worker with the household they belong to (a new one, or one registered already). */
export function RegisterScreen() {
  const { t } = useTranslation();
  const session = useSession();
  return (
    <>
      <h1>{t('register.title')}</h1>
      {session.token ? <RegisterForm token={session.token} /> : <SignIn />}
    </>
  );
}

function RegisterForm({ token }: { token: string }) {
  const { t } = useTranslation();
  const base = useId();
  const id = (field: string) => `${base}-${field}`;
  const [errors, setErrors] = useState<readonly ApiError[]>([]);
  const [busy, setBusy] = useState(false);
  const [household, setHousehold] = useState<'new' | 'existing' | 'none'>('new');
  const [done, setDone] = useState<{ id: string; name: string; householdId: string | null } | null>(null);
  const placed = placeProblems(errors, (field) => t(`register.invalid.${field}`));

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? '').trim();
    const occupations = split(form.get('occupations'));
    const destinations = form.getAll('destinationProvinceCodes').map(String);
    const wage = value('minimumMonthlyWageYuan');
    const input: RegisterPersonInput = {
      name: value('name'),
      idNumber: value('idNumber').toUpperCase(),
      phone: value('phone'),
      hometownCountyCode: value('hometownCountyCode'),
      povertyRegistered: form.get('povertyRegistered') === 'yes',
      skills: split(form.get('skills')),
      ...(occupations.length > 0 || destinations.length > 0
        ? { jobIntention: { occupations, destinationProvinceCodes: destinations, ...(wage ? { minimumMonthlyWageYuan: Number(wage) } : {}) } }
        : {}),
    };
    const householdId = value('householdId');
    if (household === 'existing' && !householdId) {
      return setErrors([{ code: 'BAD_USER_INPUT', field: 'input.householdId', message: t('register.householdIdMissing') }]);
    }
    setBusy(true);
    setErrors([]);
    const registered = await executeOperation(RegisterPersonDocument, { input }, { token });
    const person = registered.data?.registerPerson;
    if (!person) {
      setBusy(false);
      return setErrors(registered.errors);
    }
    let joined: string | null = null;
    if (household !== 'none') {
      const answer =
        household === 'new'
          ? await executeOperation(
              RegisterHouseholdDocument,
              {
                input: {
                  regionCode: input.hometownCountyCode,
                  povertyStatus: (value('povertyStatus') || 'REGISTERED') as PovertyStatus,
                  memberIds: [person.id],
                  idempotencyKey: `register-${person.id}`,
                },
              },
              { token },
            )
          : await executeOperation(AddHouseholdMemberDocument, { input: { householdId, personId: person.id } }, { token });
      const data = answer.data as { registerHousehold?: { id: string }; addHouseholdMember?: { id: string } } | null;
      joined = data?.registerHousehold?.id ?? data?.addHouseholdMember?.id ?? null;
      if (!joined) setErrors(answer.errors);
    }
    setBusy(false);
    setDone({ id: person.id, name: person.name, householdId: joined });
  };

  if (done) {
    return (
      <section aria-labelledby={`${base}-done`} className="notice-box">
        <h2 id={`${base}-done`}>{t('register.done', { name: done.name })}</h2>
        {done.householdId ? <p>{t('register.inHousehold')}</p> : null}
        <ErrorList errors={errors} />
        <p>
          <Link href={paths.person(done.id)}>{t('register.open', { name: done.name })}</Link>
        </p>
        <button
          type="button"
          onClick={() => {
            setDone(null);
            setErrors([]);
          }}
        >
          {t('register.another')}
        </button>
      </section>
    );
  }

  const field = (name: Field, label: string, input: ReactNode, help?: string) => {
    const problems = placed.byField[name] ?? [];
    return (
      <div className="field">
        <label htmlFor={id(name)}>{label}</label>
        {input}
        {help ? (
          <p id={id(`${name}-help`)} className="help">
            {help}
          </p>
        ) : null}
        <FieldErrors id={id(`${name}-error`)} errors={problems} />
      </div>
    );
  };
  const described = (name: Field, help = false) => {
    const problems = placed.byField[name] ?? [];
    const ids = [help ? id(`${name}-help`) : '', problems.length > 0 ? id(`${name}-error`) : ''].filter(Boolean).join(' ');
    return { id: id(name), name, 'aria-invalid': problems.length > 0 || undefined, 'aria-describedby': ids || undefined };
  };
  return (
    <form className="register" onSubmit={submit} aria-label={t('register.title')} noValidate>
      <ErrorList errors={placed.general} />
      <fieldset>
        <legend>{t('register.person')}</legend>
        {field('name', t('register.name'), <input {...described('name')} autoComplete="off" maxLength={40} required />)}
        {field(
          'idNumber',
          t('register.idNumber'),
          <input {...described('idNumber', true)} autoComplete="off" maxLength={18} required />,
          t('register.idNumberHelp'),
        )}
        {field('phone', t('register.phone'), <input {...described('phone')} type="tel" inputMode="numeric" maxLength={11} required />)}
        {field(
          'hometownCountyCode',
          t('register.hometown'),
          <input {...described('hometownCountyCode', true)} inputMode="numeric" maxLength={6} required />,
          t('register.hometownHelp'),
        )}
        <div className="field checkbox">
          <input id={id('poor')} name="povertyRegistered" type="checkbox" value="yes" defaultChecked />
          <label htmlFor={id('poor')}>{t('register.povertyRegistered')}</label>
        </div>
        {field('skills', t('register.skills'), <input {...described('skills', true)} />, t('register.listHelp'))}
      </fieldset>
      <fieldset>
        <legend>{t('register.intention')}</legend>
        {field('occupations', t('register.occupations'), <input {...described('occupations', true)} />, t('register.listHelp'))}
        {field(
          'destinationProvinceCodes',
          t('register.destinations'),
          <select {...described('destinationProvinceCodes', true)} multiple size={5}>
            {PROVINCES.map((p) => (
              <option key={p.code} value={p.code}>
                {p.name}
              </option>
            ))}
          </select>,
          t('register.destinationsHelp'),
        )}
        {field(
          'minimumMonthlyWageYuan',
          t('register.minimumWage'),
          <input {...described('minimumMonthlyWageYuan')} type="number" inputMode="numeric" min={0} max={100000} />,
        )}
      </fieldset>
      <fieldset>
        <legend>{t('register.household')}</legend>
        <div className="choices" role="radiogroup" aria-label={t('register.household')}>
          {(['new', 'existing', 'none'] as const).map((choice) => (
            <div className="field checkbox" key={choice}>
              <input
                id={id(`household-${choice}`)}
                type="radio"
                name="householdChoice"
                value={choice}
                checked={household === choice}
                onChange={() => setHousehold(choice)}
              />
              <label htmlFor={id(`household-${choice}`)}>{t(`register.householdChoice.${choice}`)}</label>
            </div>
          ))}
        </div>
        {household === 'new' ? (
          <div className="field">
            <label htmlFor={id('povertyStatus')}>{t('register.povertyStatus')}</label>
            <select id={id('povertyStatus')} name="povertyStatus" defaultValue="REGISTERED">
              {(['REGISTERED', 'LIFTED', 'NOT_REGISTERED'] as const).map((s) => (
                <option key={s} value={s}>
                  {t(`povertyStatus.${s}`)}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {household === 'existing' ? (
          <div className="field">
            <label htmlFor={id('household')}>{t('register.householdId')}</label>
            <input {...described('household', true)} name="householdId" autoComplete="off" />
            <p id={id('household-help')} className="help">
              {t('register.householdIdHelp')}
            </p>
            <FieldErrors id={id('household-error')} errors={placed.byField.household ?? []} />
          </div>
        ) : (
          <FieldErrors id={id('household-error')} errors={placed.byField.household ?? []} />
        )}
      </fieldset>
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? t('common.saving') : t('register.submit')}
        </button>
      </div>
    </form>
  );
}

import { useId, useState, type ChangeEvent } from 'react';
import { ImportPeopleDocument } from '../generated/graphql';
import { executeOperation } from '../graphql-client';
import { Empty, formatCount } from '../components';
import { useTranslation } from '../i18n';
import { readCells, rowsToInputs, type ParsedRow } from '../import-file';
import { useSession } from '../session';
import { SignIn } from './sign-in';

/**
 * Rows per importPeople call (the mutation takes up to 100): small enough that a chunk stays well
 * inside the gateway's 5 s subgraph timeout on a busy machine.
 */
const CHUNK = 25;

interface RowResult {
  readonly line: number;
  readonly outcome: 'CREATED' | 'UNCHANGED' | 'FAILED';
  readonly problem?: string;
}

export function ImportScreen() {
  const { t } = useTranslation();
  const session = useSession();
  return (
    <>
      <h1>{t('import.title')}</h1>
      {session.token ? <Importer token={session.token} /> : <SignIn />}
    </>
  );
}

function Importer({ token }: { token: string }) {
  const { t } = useTranslation();
  const ids = { file: useId(), help: useId(), progress: useId() };
  const [problem, setProblem] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [results, setResults] = useState<RowResult[] | null>(null);
  const [seconds, setSeconds] = useState<number | null>(null);

  const run = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.currentTarget.files?.[0];
    event.currentTarget.value = '';
    if (!file) return;
    setProblem(null);
    setResults(null);
    setSeconds(null);
    const started = performance.now();
    let parsed: { rows: ParsedRow[]; missing: string[] };
    try {
      parsed = rowsToInputs(await readCells(file));
    } catch (error) {
      return setProblem(t('import.unreadable', { reason: (error as Error).message }));
    }
    if (parsed.missing.length > 0) return setProblem(t('import.missingColumns', { columns: parsed.missing.map((c) => t(`import.column.${c}`)).join('、') }));
    if (parsed.rows.length === 0) return setProblem(t('import.noRows'));
    const out: RowResult[] = parsed.rows.flatMap((r) => ('problem' in r ? [{ line: r.line, outcome: 'FAILED' as const, problem: r.problem }] : []));
    const sendable = parsed.rows.filter((r): r is Extract<ParsedRow, { input: unknown }> => 'input' in r);
    setProgress({ done: 0, total: sendable.length });
    for (let start = 0; start < sendable.length; start += CHUNK) {
      const chunk = sendable.slice(start, start + CHUNK);
      const answer = await executeOperation(ImportPeopleDocument, { input: { rows: chunk.map((r) => r.input) } }, { token });
      if (!answer.data) {
        // The whole chunk was refused (signed out, no permission, the API down): every row says why.
        const reason = answer.errors.map((e) => `${e.code} ${e.message}`).join('; ');
        out.push(...chunk.map((r) => ({ line: r.line, outcome: 'FAILED' as const, problem: reason })));
      } else {
        for (const row of answer.data.importPeople.rows) {
          out.push({
            line: chunk[row.index]!.line,
            outcome: row.outcome,
            ...(row.outcome === 'FAILED' ? { problem: `${row.code ?? ''} ${row.message ?? ''}`.trim() } : {}),
          });
        }
      }
      setProgress({ done: Math.min(start + CHUNK, sendable.length), total: sendable.length });
    }
    out.sort((a, b) => a.line - b.line);
    setResults(out);
    setSeconds((performance.now() - started) / 1000);
  };

  const count = (outcome: RowResult['outcome']) => results?.filter((r) => r.outcome === outcome).length ?? 0;
  const failures = results?.filter((r) => r.outcome === 'FAILED') ?? [];
  return (
    <>
      <p>{t('import.intro')}</p>
      <div className="field">
        <label htmlFor={ids.file}>{t('import.file')}</label>
        <input
          id={ids.file}
          type="file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={run}
          aria-describedby={ids.help}
          disabled={progress !== null && results === null && problem === null}
        />
        <p id={ids.help} className="help">
          {t('import.columns')}
        </p>
      </div>
      {problem ? (
        <p className="field-error" role="alert">
          {problem}
        </p>
      ) : null}
      {progress ? (
        <div className="import-progress">
          <label htmlFor={ids.progress}>{t('import.progress', { done: formatCount(progress.done), total: formatCount(progress.total) })}</label>
          <progress id={ids.progress} max={progress.total} value={progress.done} />
        </div>
      ) : null}
      {results ? (
        <section aria-labelledby="import-result-heading">
          <h2 id="import-result-heading">{t('import.result')}</h2>
          <dl className="figures big">
            <div>
              <dt>{t('import.created')}</dt>
              <dd data-figure="created">{formatCount(count('CREATED'))}</dd>
            </div>
            <div>
              <dt>{t('import.unchanged')}</dt>
              <dd data-figure="unchanged">{formatCount(count('UNCHANGED'))}</dd>
            </div>
            <div>
              <dt>{t('import.failed')}</dt>
              <dd data-figure="failed">{formatCount(count('FAILED'))}</dd>
            </div>
            <div>
              <dt>{t('import.time')}</dt>
              <dd data-figure="seconds">{seconds?.toFixed(1)}</dd>
            </div>
          </dl>
          {failures.length === 0 ? (
            <Empty>{t('import.noFailures')}</Empty>
          ) : (
            <div className="table-wrap">
              <table>
                <caption>{t('import.failuresCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('import.line')}</th>
                    <th scope="col">{t('import.reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {failures.map((r) => (
                    <tr key={r.line}>
                      <th scope="row">{r.line}</th>
                      <td>{r.problem}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ) : null}
    </>
  );
}

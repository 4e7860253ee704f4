import { useId, useState, type ChangeEvent } from 'react';
import { ImportPeopleDocument } from '../generated/graphql';
import { executeOperation } from '../graphql-client';
import { Empty, formatCount, TableWrap } from '../components';
import { useTranslation } from '../i18n';
import { readCells, rowsToInputs, type ParsedRow } from '../import-file';
import { useSession } from '../session';
import { SignIn } from './sign-in';

/** Rows per importPeople call: the mutation takes up to 100. */
const MAX_CHUNK_ROWS = 100;
const MIN_CHUNK_ROWS = 5;
/** The gateway refuses variables over 32 KB; a chunk also ends before its rows' JSON reaches this. */
const CHUNK_BYTES = 24 * 1024;
/**
 * A chunk should answer well inside the gateway's subgraph timeout (5 s by default): when one takes
 * longer the next is halved, when one is quick the next doubles, so a slow database (DynamoDB Local
 * on a busy laptop) still gets the file through while a fast one takes 100 rows a call.
 */
const TARGET_MS = 2_000;

/** The next chunk of `rows` from `start`: at most `size` rows and CHUNK_BYTES of JSON. */
function nextChunk<T extends { input: unknown }>(rows: readonly T[], start: number, size: number): T[] {
  const chunk: T[] = [];
  let bytes = 0;
  for (let i = start; i < rows.length && chunk.length < size; i++) {
    const rowBytes = new TextEncoder().encode(JSON.stringify(rows[i]!.input)).length + 1;
    if (chunk.length > 0 && bytes + rowBytes > CHUNK_BYTES) break;
    chunk.push(rows[i]!);
    bytes += rowBytes;
  }
  return chunk;
}

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
    let done = 0;
    let size = MAX_CHUNK_ROWS;
    let retried = false;
    while (done < sendable.length) {
      const chunk = nextChunk(sendable, done, size);
      const sent = performance.now();
      const answer = await executeOperation(ImportPeopleDocument, { input: { rows: chunk.map((r) => r.input) } }, { token });
      const took = performance.now() - sent;
      if (!answer.data && answer.errors.some((e) => e.code === 'GATEWAY_TIMEOUT') && !retried) {
        // Too slow for the gateway: again in a smaller chunk. Safe, since a row imported twice is UNCHANGED.
        size = Math.max(MIN_CHUNK_ROWS, Math.floor(chunk.length / 2));
        retried = true;
        continue;
      }
      retried = false;
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
      size = took > TARGET_MS ? Math.max(MIN_CHUNK_ROWS, Math.floor(chunk.length / 2)) : Math.min(MAX_CHUNK_ROWS, chunk.length * 2);
      done += chunk.length;
      setProgress({ done, total: sendable.length });
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
            <TableWrap label={t('common.scrollTable')}>
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
            </TableWrap>
          )}
        </section>
      ) : null}
    </>
  );
}

/**
 * Reading a bulk-import file of workers: CSV with papaparse, XLSX with exceljs (loaded only when a
 * workbook is chosen: it is most of the app's weight). The header row names the columns, in
 * Chinese or English; every row becomes a registerPerson input, or the reason it cannot.
 */
import Papa from 'papaparse';
import type { RegisterPersonInput } from './generated/graphql';

export type ImportColumn = 'name' | 'idNumber' | 'phone' | 'hometownCountyCode' | 'povertyRegistered' | 'skills';

/** Header texts accepted for each column (the template's Chinese headers first). */
export const COLUMN_HEADERS: Readonly<Record<ImportColumn, readonly string[]>> = {
  name: ['姓名', 'name'],
  idNumber: ['身份证号', 'idnumber', 'id number'],
  phone: ['手机号', 'phone'],
  hometownCountyCode: ['户籍县代码', 'hometowncountycode', 'county code'],
  povertyRegistered: ['建档立卡', 'povertyregistered', 'registered poor'],
  skills: ['技能', 'skills'],
};

export type ParsedRow = { readonly line: number; readonly input: RegisterPersonInput } | { readonly line: number; readonly problem: string };

const YES = new Set(['是', 'true', '1', 'yes', 'y']);
const NO = new Set(['否', 'false', '0', 'no', 'n', '']);

function columnOf(header: string): ImportColumn | null {
  const key = header.trim().toLowerCase();
  for (const [column, names] of Object.entries(COLUMN_HEADERS) as [ImportColumn, readonly string[]][]) if (names.includes(key)) return column;
  return null;
}

/** Rows of cells (the first is the header) → inputs; `line` is the row's number in the file (the header is 1). */
export function rowsToInputs(cells: readonly (readonly string[])[]): { rows: ParsedRow[]; missing: ImportColumn[] } {
  const [header = [], ...body] = cells;
  const columns = header.map(columnOf);
  const missing = (['name', 'idNumber', 'phone', 'hometownCountyCode'] as const).filter((c) => !columns.includes(c));
  if (missing.length > 0) return { rows: [], missing };
  const rows: ParsedRow[] = [];
  for (const [i, cellsOfRow] of body.entries()) {
    if (cellsOfRow.every((c) => c.trim() === '')) continue;
    const value = (column: ImportColumn) => (cellsOfRow[columns.indexOf(column)] ?? '').trim();
    const poor = value('povertyRegistered').toLowerCase();
    if (!YES.has(poor) && !NO.has(poor)) {
      rows.push({ line: i + 2, problem: `povertyRegistered: ${JSON.stringify(value('povertyRegistered'))}` });
      continue;
    }
    const skills = value('skills')
      .split(/[、,，;；]/)
      .map((s) => s.trim())
      .filter(Boolean);
    rows.push({
      line: i + 2,
      input: {
        name: value('name'),
        idNumber: value('idNumber').toUpperCase(),
        phone: value('phone'),
        hometownCountyCode: value('hometownCountyCode'),
        povertyRegistered: YES.has(poor),
        ...(skills.length > 0 ? { skills } : {}),
      },
    });
  }
  return { rows, missing: [] };
}

export async function readCells(file: File): Promise<string[][]> {
  if (/\.xlsx$/i.test(file.name)) {
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await file.arrayBuffer());
    const sheet = workbook.worksheets[0];
    if (!sheet) return [];
    const cells: string[][] = [];
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const values: string[] = [];
      for (let c = 1; c <= sheet.columnCount; c++) values.push(row.getCell(c).text ?? '');
      cells.push(values);
    });
    return cells;
  }
  const text = await file.text();
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  return parsed.data;
}

/** A CSV (with a byte-order mark, so Excel opens it as UTF-8) or an XLSX workbook of these rows, downloaded. */
export async function download(
  name: string,
  header: readonly string[],
  rows: readonly (readonly (string | number)[])[],
  format: 'csv' | 'xlsx',
): Promise<void> {
  let blob: Blob;
  if (format === 'csv') {
    blob = new Blob(['\uFEFF' + Papa.unparse([header as string[], ...(rows as (string | number)[][])])], { type: 'text/csv;charset=utf-8' });
  } else {
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet(name.slice(0, 31));
    sheet.addRow([...header]);
    sheet.getRow(1).font = { bold: true };
    for (const row of rows) sheet.addRow([...row]);
    blob = new Blob([await workbook.xlsx.writeBuffer()], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  }
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `${name}.${format}`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * The benchmark's outputs: a table per workload on the terminal, and a bar chart of throughput
 * (SVG, and PNG through the Debian chromium when it is there).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { LambdaShapeReport } from './lambda-shape.js';
import type { Measurement } from './load.js';

export interface Workload {
  readonly name: string;
  readonly description: string;
  readonly operations: readonly { name: string; description: string }[];
  readonly measurements: readonly Measurement[];
}

export const ENGINE_ORDER = ['ours', 'apollo', 'hive', 'bare', 'floor'] as const;
const LABELS: Record<string, string> = {
  ours: '(a) ours',
  apollo: '(b) @apollo/gateway',
  hive: '(c) Hive JS planner',
  floor: '(d) one subgraph',
  bare: '(e) bare engine',
};
const COLORS: Record<string, string> = { ours: '#1a7f37', apollo: '#6e40c9', hive: '#bf8700', floor: '#8c959f', bare: '#0969da' };

const find = (workload: Workload, engine: string, operation: string) => workload.measurements.find((m) => m.engine === engine && m.operation === operation);

/** Throughput of `engine` over the reference engine's, for one operation. */
export function ratio(workload: Workload, engine: string, reference: string, operation: string): number | null {
  const a = find(workload, engine, operation);
  const b = find(workload, reference, operation);
  return a && b && b.requestsPerSecond > 0 ? a.requestsPerSecond / b.requestsPerSecond : null;
}

export function printTable(workload: Workload, log: (line: string) => void): void {
  log(`\n${workload.name}: ${workload.description}`);
  const header = ['operation', 'engine', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'CPU ms/req', '× (b)', '× (c)', '× (e)'];
  const rows: string[][] = [];
  for (const operation of workload.operations) {
    for (const engine of ENGINE_ORDER) {
      const m = find(workload, engine, operation.name);
      if (!m) continue;
      const x = (reference: string) => (engine === reference ? '1.00' : (ratio(workload, engine, reference, operation.name)?.toFixed(2) ?? '–'));
      rows.push([
        operation.name,
        LABELS[engine]!,
        m.requestsPerSecond.toFixed(0),
        String(m.p50Ms),
        String(m.p99Ms),
        String(m.errors),
        m.cpuMsPerRequest?.toFixed(2) ?? '–',
        x('apollo'),
        x('hive'),
        x('bare'),
      ]);
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  log(line(header));
  log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) log(line(row));
  for (const operation of workload.operations) log(`  ${operation.name}: ${operation.description}`);
}

/** The gateways compared; the floor (one subgraph directly) is in the table, its bars would dwarf theirs. */
const CHART_ENGINES = ['ours', 'apollo', 'hive', 'bare'] as const;

/** One group of bars per operation (req/s per gateway), each group scaled to its own largest bar. */
export function chartSvg(workloads: readonly Workload[]): string {
  const barWidth = 26;
  const gap = 34;
  const panelHeight = 260;
  const top = 60;
  const left = 70;
  const groups = workloads.flatMap((w) => w.operations.map((o) => ({ workload: w, operation: o.name })));
  const width = Math.max(left + groups.length * (CHART_ENGINES.length * barWidth + gap) + 40, 780);
  const height = top + panelHeight + 110;
  const parts: string[] = [];
  let x = left;
  for (const group of groups) {
    const values = CHART_ENGINES.map((engine) => find(group.workload, engine, group.operation)?.requestsPerSecond ?? 0);
    const max = Math.max(...values, 1);
    CHART_ENGINES.forEach((engine, i) => {
      const h = (values[i]! / max) * panelHeight;
      const bx = x + i * barWidth;
      parts.push(`<rect x="${bx}" y="${top + panelHeight - h}" width="${barWidth - 4}" height="${h}" fill="${COLORS[engine]}"/>`);
      parts.push(`<text x="${bx + (barWidth - 4) / 2}" y="${top + panelHeight - h - 4}" font-size="10" text-anchor="middle">${Math.round(values[i]!)}</text>`);
    });
    const label = group.workload.name === group.operation ? group.operation : `${group.operation}`;
    parts.push(`<text x="${x + (CHART_ENGINES.length * barWidth) / 2}" y="${top + panelHeight + 18}" font-size="12" text-anchor="middle">${label}</text>`);
    x += CHART_ENGINES.length * barWidth + gap;
  }
  const legend = CHART_ENGINES.map(
    (engine, i) =>
      `<rect x="${left + i * 200}" y="${top + panelHeight + 50}" width="12" height="12" fill="${COLORS[engine]}"/><text x="${left + i * 200 + 18}" y="${top + panelHeight + 61}" font-size="12">${LABELS[engine]}</text>`,
  ).join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${left}" y="28" font-size="14" font-weight="bold">Requests per second (higher is better), each operation scaled to its fastest gateway</text>`,
    `<line x1="${left - 10}" y1="${top + panelHeight}" x2="${width - 20}" y2="${top + panelHeight}" stroke="#444"/>`,
    ...parts,
    legend,
    '</svg>',
  ].join('\n');
}

const CHROMIUM = '/usr/bin/chromium';

/** Writes BASE.svg, and BASE.png when chromium is there (a screenshot through playwright-core). */
export async function writeChart(workloads: readonly Workload[], base: string): Promise<string[]> {
  const svg = chartSvg(workloads);
  writeFileSync(`${base}.svg`, svg);
  if (!existsSync(CHROMIUM)) return [`${base}.svg`];
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(`${base}.svg`).href);
    await page.locator('svg').screenshot({ path: `${base}.png` });
  } finally {
    await browser.close();
  }
  return [`${base}.svg`, `${base}.png`];
}

/** The Lambda shape's table: one request at a time through the gateway's handler, against the subgraph directly. */
export function printLambdaShape(report: LambdaShapeReport, log: (line: string) => void): void {
  log(`\nlambda shape: one request at a time, gateway handler + invoke transport vs the root subgraph directly (${report.memoryMb} MB, arm64 prices)`);
  const header = ['operation', 'gateway p50 / p99 ms', 'direct p50 / p99 ms', 'added p50 / p99 ms', 'CPU ms/req', '$/M (duration)', '$/M (CPU)'];
  const rows = report.measurements.map((m) => [
    m.operation,
    `${m.gateway.p50Ms} / ${m.gateway.p99Ms}`,
    `${m.direct.p50Ms} / ${m.direct.p99Ms}`,
    `${m.addedP50Ms} / ${m.addedP99Ms}`,
    m.cpuMsPerRequest.toFixed(2),
    m.usdPerMillionByDuration.toFixed(2),
    m.usdPerMillionByCpu.toFixed(2),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  log(line(header));
  log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) log(line(row));
}

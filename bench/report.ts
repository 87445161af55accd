// The bench's report: a markdown table (for the README and the terminal) and the same rows as JSON.
import type { Row } from './workloads';

export interface Report {
  mode: 'quick' | 'full';
  date: string;
  machine: { cpus: number; node: string; platform: string };
  rows: Row[];
  notes: string[];
}

const figure = (n: number) => (Number.isNaN(n) ? '—' : n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));

function goalText(row: Row): string {
  if (!row.goal) return '';
  const { max, min } = row.goal;
  const met = (max === undefined || row.ratio <= max) && (min === undefined || row.ratio >= min);
  return `${max !== undefined ? `≤ ${max}` : `≥ ${min}`} ${met ? '✓' : '✗'}`;
}

export function markdownOf(report: Report): string {
  const lines = [
    `durable-graph against a raw Temporal workflow doing the same work, same server, same run (${report.mode}; ${report.date}; ${report.machine.cpus} CPUs, Node ${report.machine.node}).`,
    '',
    '| workload | figure | raw Temporal | durable-graph | ratio | goal |',
    '| --- | --- | ---: | ---: | ---: | --- |',
    ...report.rows.map((r) => `| ${r.workload} | ${r.metric} (${r.unit}) | ${figure(r.raw)} | ${figure(r.graph)} | ${figure(r.ratio)} | ${goalText(r)} |`),
  ];
  if (report.notes.length) lines.push('', ...report.notes.map((n) => `- ${n}`));
  return lines.join('\n') + '\n';
}

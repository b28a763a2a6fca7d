// bench/REPORT.md from the figures the benches wrote: the machine, every goal with its verdict,
// Grantline beside node-oidc-provider, and each bench's figures with when and under what load
// they were measured. Pure: the caller reads the files and the machine.
import type { Figure } from '../report';
import { GOALS, verdict, type Goal } from './goals';

/** How scripts/bench.mjs ran one bench (bench/results/<name>.run.json). */
export interface RunRecord {
  startedAt: string;
  seconds: number;
  exitCode: number;
  /** One-minute load average just before the bench started: other work skews every figure. */
  loadAverageBefore: number;
  commit: string;
}

export interface BenchResults {
  bench: string;
  figures: readonly Figure[];
  run?: RunRecord;
}

export interface Machine {
  cpu: string;
  logicalCores: number;
  memoryGiB: number;
  os: string;
  node: string;
  /** Versions of what the benches run against: PostgreSQL, Kafka, node-oidc-provider. */
  components: Readonly<Record<string, string>>;
}

export interface ReportInput {
  generatedAt: string;
  machine: Machine;
  /** Every bench that exists, with or without results. */
  benches: readonly string[];
  results: readonly BenchResults[];
  goals?: readonly Goal[];
}

const GRANTLINE = 'grantline_';
const PEER = 'oidc_provider_';

export interface PeerComparison {
  bench: string;
  measure: string;
  unit: string;
  grantline: number;
  peer: number;
  /** > 1 means Grantline does better: more per second, or fewer milliseconds. */
  advantage: number;
}

/** Pairs `grantline_<x>` with `oidc_provider_<x>` wherever both are rates or latencies. */
export function peerComparisons(results: readonly BenchResults[]): PeerComparison[] {
  const comparisons: PeerComparison[] = [];
  for (const { bench, figures } of results) {
    for (const ours of figures.filter((figure) => figure.figure.startsWith(GRANTLINE))) {
      const measure = ours.figure.slice(GRANTLINE.length);
      const theirs = figures.find((figure) => figure.figure === PEER + measure && figure.unit === ours.unit);
      if (!theirs || ours.value <= 0 || theirs.value <= 0) continue;
      const higherIsBetter = ours.unit.endsWith('/s');
      if (!higherIsBetter && ours.unit !== 'ms') continue;
      const advantage = higherIsBetter ? ours.value / theirs.value : theirs.value / ours.value;
      comparisons.push({
        bench,
        measure,
        unit: ours.unit,
        grantline: ours.value,
        peer: theirs.value,
        advantage,
      });
    }
  }
  return comparisons;
}

const number = (value: number) =>
  value.toLocaleString('en-GB', { maximumFractionDigits: Math.abs(value) >= 100 ? 0 : 2 });

const table = (header: readonly string[], rows: readonly (readonly string[])[]) =>
  [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');

function machineSection(machine: Machine): string {
  const rows: string[][] = [
    ['CPU', `${machine.cpu} (${machine.logicalCores} logical cores)`],
    ['Memory', `${number(machine.memoryGiB)} GiB`],
    ['OS', machine.os],
    ['Node.js', machine.node],
    ...Object.entries(machine.components).map(([name, version]) => [name, version]),
  ];
  return `## Machine\n\n${table(['what', 'this run'], rows)}`;
}

function goalsSection(results: readonly BenchResults[], goals: readonly Goal[]): string {
  const valueOf = (goal: Goal, name: string | undefined) =>
    results.find((result) => result.bench === goal.bench)?.figures.find((figure) => figure.figure === name);
  const rows = goals.map((goal) => {
    const figure = valueOf(goal, goal.figure);
    const ceiling = valueOf(goal, goal.ceiling);
    const outcome = verdict(goal, figure?.value, ceiling?.value);
    return [
      goal.source,
      `\`${goal.bench}\` ${'`'}${goal.figure}${'`'}`,
      figure ? `${number(figure.value)} ${figure.unit}` : '—',
      `${goal.kind === 'at-least' ? '≥' : '<'} ${number(goal.target)}`,
      outcome === 'met'
        ? '**met**'
        : outcome === 'out of reach'
          ? `missed, out of reach here (\`${goal.ceiling}\` ${number(ceiling?.value ?? NaN)})`
          : outcome,
    ];
  });
  const met = rows.filter((row) => row[4] === '**met**').length;
  return `## Goals\n\n${met} of ${goals.length} goals met.\n\n${table(['issue', 'figure', 'measured', 'goal', 'verdict'], rows)}`;
}

function peerSection(results: readonly BenchResults[]): string {
  const comparisons = peerComparisons(results);
  if (comparisons.length === 0)
    return '## Against node-oidc-provider\n\nNo bench with the peer has results yet.';
  const rows = comparisons.map((comparison) => [
    `\`${comparison.bench}\``,
    comparison.measure,
    `${number(comparison.grantline)} ${comparison.unit}`,
    `${number(comparison.peer)} ${comparison.unit}`,
    `${comparison.advantage.toFixed(2)}×`,
  ]);
  return [
    '## Against node-oidc-provider',
    'Same machine, same run, same keys and load generator. The last column is Grantline’s advantage: ' +
      'its rate ÷ the peer’s, or the peer’s latency ÷ Grantline’s; below 1 the peer is ahead.',
    table(['bench', 'measure', 'Grantline', 'node-oidc-provider', 'advantage'], rows),
  ].join('\n\n');
}

function benchSection(bench: string, result: BenchResults | undefined): string {
  if (!result || result.figures.length === 0)
    return `### ${bench}\n\nNot measured: run \`npm run bench -- ${bench}\`.`;
  const run = result.run;
  const when = run
    ? `Measured ${run.startedAt} at commit \`${run.commit}\` in ${number(run.seconds)} s; ` +
      `load average ${run.loadAverageBefore.toFixed(2)} just before it started` +
      (run.exitCode === 0 ? '.' : `; the bench **failed** (exit ${run.exitCode}), so figures may be partial.`)
    : 'Measured by an earlier run whose record was not kept.';
  const rows = result.figures.map((figure) => [`\`${figure.figure}\``, number(figure.value), figure.unit]);
  return `### ${bench}\n\n${when} Command: \`npm run bench -- ${bench}\`.\n\n${table(['figure', 'value', 'unit'], rows)}`;
}

export function renderReport(input: ReportInput): string {
  const goals = input.goals ?? GOALS;
  const byBench = new Map(input.results.map((result) => [result.bench, result]));
  return (
    [
      '# Benchmark report',
      `Written by \`npm run bench\` (every bench) or \`npm run bench -- <name>\` (the ones named; the others keep ` +
        `their last figures) on ${input.generatedAt}. Figures come from \`bench/results/<name>.jsonl\`; what each ` +
        'measures is written at the top of `bench/src/<name>.bench.ts`. A busy machine lowers every figure: ' +
        'compare the load average of each run.',
      machineSection(input.machine),
      goalsSection(input.results, goals),
      peerSection(input.results),
      '## Figures by bench',
      ...input.benches.map((bench) => benchSection(bench, byBench.get(bench))),
    ].join('\n\n') + '\n'
  );
}

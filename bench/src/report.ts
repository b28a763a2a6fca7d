// One JSON line per figure, printed and written to bench/results/<bench>.jsonl (DESIGN.md
// "Benchmarks"). Each run replaces the file, so the results always come from one run.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Figure {
  bench: string;
  figure: string;
  value: number;
  unit: string;
}

const RESULTS_DIR = join(__dirname, '..', '..', '..', 'bench', 'results');

export class BenchReport {
  private readonly file: string;

  constructor(readonly bench: string) {
    mkdirSync(RESULTS_DIR, { recursive: true });
    this.file = join(RESULTS_DIR, `${bench}.jsonl`);
    writeFileSync(this.file, '');
  }

  record(figure: string, value: number, unit: string): Figure {
    const line: Figure = { bench: this.bench, figure, value: round(value), unit };
    const json = JSON.stringify(line);
    process.stdout.write(`${json}\n`);
    appendFileSync(this.file, `${json}\n`);
    return line;
  }

  /** `figure` as the quotient of two rates: above 1, the numerator is ahead. */
  ratio(figure: string, numerator: number, denominator: number): Figure {
    return this.record(figure, numerator / denominator, 'ratio');
  }

  /** Progress for the person watching; never part of the results. */
  note(message: string): void {
    process.stderr.write(`[${this.bench}] ${message}\n`);
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Percentile (0–100) of an unsorted sample, nearest-rank. */
export function percentile(sample: readonly number[], p: number): number {
  if (sample.length === 0) return Number.NaN;
  const sorted = [...sample].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

// The performance goals the issues set, one per figure, so bench/REPORT.md can say plainly which
// are met on the machine that ran them. A goal's figure is named exactly as its bench records it.

export interface Goal {
  bench: string;
  figure: string;
  /** `at-least`: the figure must be ≥ target; `below`: strictly < target. */
  kind: 'at-least' | 'below';
  target: number;
  /** Where the goal comes from, for a reader who wants its wording. */
  source: string;
  /**
   * A figure of the same bench bounding what any implementation could measure on this machine
   * (for an at-least goal): when it is below the target, no code change can meet the goal here.
   */
  ceiling?: string;
}

export const GOALS: readonly Goal[] = [
  { bench: 'backbone', figure: 'kafka_events_per_s', kind: 'at-least', target: 5000, source: 'G2' },
  { bench: 'backbone', figure: 'kafka_p99_ms', kind: 'below', target: 250, source: 'G2' },
  { bench: 'crypto', figure: 'worst_ratio_vs_node_crypto', kind: 'below', target: 1.5, source: 'G3' },
  { bench: 'par', figure: 'par_rps_ratio_vs_oidc_provider', kind: 'at-least', target: 1.5, source: 'G4' },
  { bench: 'token', figure: 'token_rps_ratio_vs_oidc_provider', kind: 'at-least', target: 1.5, source: 'G5' },
  {
    bench: 'token',
    figure: 'flow_rps_ratio_vs_oidc_provider',
    kind: 'at-least',
    target: 1.5,
    source: 'G5',
    ceiling: 'flow_ratio_ceiling_vs_oidc_provider',
  },
  { bench: 'token', figure: 'token_p99_ms_at_half_load', kind: 'below', target: 50, source: 'G5' },
  { bench: 'resource', figure: 'balances_p99_ms_at_1000rps', kind: 'below', target: 10, source: 'G6' },
  { bench: 'revocation', figure: 'revocation_p99_ms', kind: 'below', target: 500, source: 'G7' },
  { bench: 'audit', figure: 'ingest_events_per_s', kind: 'at-least', target: 20_000, source: 'G8' },
  { bench: 'audit', figure: 'query_by_consent_p99_ms', kind: 'below', target: 50, source: 'G8' },
  { bench: 'audit', figure: 'query_by_client_time_p99_ms', kind: 'below', target: 50, source: 'G8' },
  // The query goals hold only on a table this large; a smaller run's query figures prove nothing.
  { bench: 'audit', figure: 'table_events', kind: 'at-least', target: 5_000_000, source: 'G8' },
];

export type Verdict = 'met' | 'missed' | 'out of reach' | 'not measured';

/** `ceiling`: the value of the goal's ceiling figure in the same run, if it has one. */
export function verdict(goal: Goal, value: number | undefined, ceiling?: number): Verdict {
  if (value === undefined || Number.isNaN(value)) return 'not measured';
  const met = goal.kind === 'at-least' ? value >= goal.target : value < goal.target;
  if (met) return 'met';
  const unreachable = goal.kind === 'at-least' && ceiling !== undefined && ceiling < goal.target;
  return unreachable ? 'out of reach' : 'missed';
}

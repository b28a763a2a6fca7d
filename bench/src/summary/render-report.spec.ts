import { verdict, type Goal } from './goals';
import { peerComparisons, renderReport, type BenchResults, type Machine } from './render-report';

const machine: Machine = {
  cpu: 'Test CPU',
  logicalCores: 2,
  memoryGiB: 7.5,
  os: 'Debian',
  node: 'v20.19.0',
  components: { PostgreSQL: '17.10' },
};

const token: BenchResults = {
  bench: 'token',
  figures: [
    { bench: 'token', figure: 'grantline_token_rps', value: 300, unit: 'req/s' },
    { bench: 'token', figure: 'oidc_provider_token_rps', value: 200, unit: 'req/s' },
    { bench: 'token', figure: 'grantline_token_p99_ms', value: 40, unit: 'ms' },
    { bench: 'token', figure: 'oidc_provider_token_p99_ms', value: 80, unit: 'ms' },
    { bench: 'token', figure: 'grantline_token_best_concurrency', value: 16, unit: 'connections' },
    { bench: 'token', figure: 'oidc_provider_token_best_concurrency', value: 32, unit: 'connections' },
    { bench: 'token', figure: 'token_rps_ratio_vs_oidc_provider', value: 1.5, unit: 'ratio' },
    { bench: 'token', figure: 'flow_rps_ratio_vs_oidc_provider', value: 0.8, unit: 'ratio' },
    { bench: 'token', figure: 'flow_ratio_ceiling_vs_oidc_provider', value: 1.16, unit: 'ratio' },
  ],
  run: {
    startedAt: '2026-11-23T20:00:00Z',
    seconds: 95,
    exitCode: 0,
    loadAverageBefore: 0.4,
    commit: 'abc1234',
  },
};

describe('the benchmark report', () => {
  it('judges a goal by its direction, the target itself meeting an at-least goal', () => {
    const atLeast: Goal = { bench: 'b', figure: 'f', kind: 'at-least', target: 1.5, source: 'G5' };
    const below: Goal = { ...atLeast, kind: 'below', target: 50 };
    expect([verdict(atLeast, 1.5), verdict(atLeast, 1.49), verdict(atLeast, undefined)]).toEqual([
      'met',
      'missed',
      'not measured',
    ]);
    expect([verdict(below, 49.9), verdict(below, 50)]).toEqual(['met', 'missed']);
  });

  it('calls a missed goal out of reach only when its ceiling figure is itself below the target', () => {
    const capped: Goal = {
      bench: 'b',
      figure: 'f',
      kind: 'at-least',
      target: 1.5,
      source: 'G5',
      ceiling: 'c',
    };
    expect([
      verdict(capped, 0.9, 1.2),
      verdict(capped, 0.9, 1.6),
      verdict(capped, 0.9, undefined),
      verdict(capped, 1.5, 1.2),
    ]).toEqual(['out of reach', 'missed', 'missed', 'met']);
  });

  it('compares rates and latencies with node-oidc-provider so that above 1 always means Grantline is ahead', () => {
    expect(peerComparisons([token])).toEqual([
      { bench: 'token', measure: 'token_rps', unit: 'req/s', grantline: 300, peer: 200, advantage: 1.5 },
      { bench: 'token', measure: 'token_p99_ms', unit: 'ms', grantline: 40, peer: 80, advantage: 2 },
    ]);
  });

  it('names the machine, every goal with its verdict, each run’s load and the benches never measured', () => {
    const report = renderReport({
      generatedAt: '2026-11-23T21:00:00Z',
      machine,
      benches: ['audit', 'token'],
      results: [token],
    });
    expect(report).toContain('| CPU | Test CPU (2 logical cores) |');
    expect(report).toContain(
      '| G5 | `token` `token_rps_ratio_vs_oidc_provider` | 1.5 ratio | ≥ 1.5 | **met** |',
    );
    expect(report).toContain(
      '| G5 | `token` `flow_rps_ratio_vs_oidc_provider` | 0.8 ratio | ≥ 1.5 | missed, out of reach here (`flow_ratio_ceiling_vs_oidc_provider` 1.16) |',
    );
    expect(report).toContain('| G8 | `audit` `ingest_events_per_s` | — | ≥ 20,000 | not measured |');
    expect(report).toContain('| `token` | token_rps | 300 req/s | 200 req/s | 1.50× |');
    expect(report).toContain('load average 0.40 just before it started');
    expect(report).toContain('### audit\n\nNot measured: run `npm run bench -- audit`.');
  });

  it('says when a bench failed, since its figures may be partial', () => {
    const run = { startedAt: 'then', seconds: 1, exitCode: 1, loadAverageBefore: 1, commit: 'abc1234' };
    const failed = { ...token, run };
    expect(renderReport({ generatedAt: 'now', machine, benches: ['token'], results: [failed] })).toContain(
      'the bench **failed** (exit 1)',
    );
  });
});

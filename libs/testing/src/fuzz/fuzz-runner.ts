// Runs fuzz targets against a running runtime: fast-check generates the inputs (a fixed seed makes
// a run repeatable), a few lanes keep requests in flight, and every answer is held to the property
// (exchange.ts `violation`) while the runtime must stay alive and print no escaped error.
import fc from 'fast-check';
import { type FuzzClient, type FuzzRequest, violation } from './exchange';
import type { FuzzWorld } from './fuzz-world';
import type { FuzzTarget } from './target';

export interface FuzzFailure {
  target: string;
  /** Replays this input: `fc.check(..., { seed, path })` with the same target and lane. */
  seed: number;
  path: string;
  reason: string;
}

export interface TargetReport {
  target: string;
  ids: readonly string[];
  requests: number;
  /** Inputs the HTTP client itself refused to send (a header byte no client can put on the wire). */
  unsendable: number;
  statuses: Record<string, number>;
  failures: FuzzFailure[];
  ms: number;
  /** The slowest answer: a request that makes a service wait is worth a look even when it is a 4xx. */
  slowest: { ms: number; request: string; status: number };
}

export interface FuzzRunOptions {
  runs: number;
  seed: number;
  /** Requests in flight: one fast-check run per lane, each with its own seed (seed + lane). */
  concurrency: number;
  trouble: () => string | undefined;
  onRequest?: () => void;
}

const UNSENDABLE =
  /InvalidArgument|invalid header|Invalid character|ERR_INVALID_CHAR|ERR_HTTP_INVALID_HEADER_VALUE/i;

/** JWTs and JWS of the test TPP (assertions, proofs, tokens): shown by their start only. */
const COMPACT_JWS = /(eyJ[A-Za-z0-9_-]{8})[A-Za-z0-9_-]*(\.[A-Za-z0-9_-]*){1,3}/g;

/** What a failed request looked like, short enough to print and never with a whole credential. */
export function describeRequest(request: FuzzRequest): string {
  const cut = (text: string, max: number) => {
    const masked = text.replace(COMPACT_JWS, '$1…');
    return masked.length > max ? `${masked.slice(0, max)}…(${masked.length} chars)` : masked;
  };
  const headers = request.headers.map(([name, value]) => `${name}: ${cut(value, 160)}`).join('\n  ');
  return `${request.method} ${cut(request.path, 300)}\n  ${headers}\n  body: ${cut(JSON.stringify(request.body ?? ''), 600)}`;
}

export async function runTarget<Input>(
  client: FuzzClient,
  world: FuzzWorld,
  target: FuzzTarget<Input>,
  options: FuzzRunOptions,
): Promise<TargetReport> {
  const started = performance.now();
  const report: TargetReport = {
    target: target.name,
    ids: target.ids,
    requests: 0,
    unsendable: 0,
    statuses: {},
    failures: [],
    ms: 0,
    slowest: { ms: 0, request: '', status: 0 },
  };
  const lanes = Math.max(1, Math.min(options.concurrency, options.runs));
  const lane = async (index: number) => {
    const runs = Math.floor(options.runs / lanes) + (index < options.runs % lanes ? 1 : 0);
    if (runs === 0) return;
    const seed = options.seed + index;
    const property = fc.asyncProperty(target.arbitrary, async (input) => {
      const request = await target.request(world, input);
      let answer;
      const sent = performance.now();
      try {
        answer = await client.send(request);
      } catch (error) {
        const message =
          error instanceof Error
            ? `${error.name} ${error.message} ${String((error as { code?: unknown }).code)}`
            : String(error);
        if (UNSENDABLE.test(message)) {
          // Node would not send it (a control character in a header): not a request. fast-check
          // draws another input in its place, so a run answers exactly the requests it was asked.
          report.unsendable++;
          fc.pre(false);
        }
        throw new Error(
          `no answer (${message}); ${options.trouble() ?? 'runtime still up'}\n${describeRequest(request)}`,
        );
      }
      report.requests++;
      const ms = performance.now() - sent;
      if (ms > report.slowest.ms)
        report.slowest = { ms, request: describeRequest(request), status: answer.status };
      options.onRequest?.();
      report.statuses[answer.status] = (report.statuses[answer.status] ?? 0) + 1;
      const broken = violation(answer, target.format) ?? options.trouble();
      if (broken) {
        throw new Error(
          `${broken}\n${describeRequest(request)}\n  answer: ${answer.status} ${answer.text.slice(0, 800)}`,
        );
      }
    });
    const details = await fc.check(property, { numRuns: runs, seed, endOnFailure: true });
    if (details.failed) {
      const error = details.errorInstance;
      report.failures.push({
        target: target.name,
        seed,
        path: details.counterexamplePath ?? '',
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  };
  await Promise.all(Array.from({ length: lanes }, (_, index) => lane(index)));
  report.ms = performance.now() - started;
  return report;
}

export function formatReport(report: TargetReport): string {
  const statuses = Object.entries(report.statuses)
    .map(([status, count]) => `${status}×${count}`)
    .join(' ');
  const line = `${report.target.padEnd(26)} ${String(report.requests).padStart(7)} requests in ${(report.ms / 1000).toFixed(1)} s  [${report.ids.join(' ')}]  ${statuses}${report.unsendable ? `  (${report.unsendable} unsendable, replaced)` : ''}`;
  const failures = report.failures.map(
    (f) => `  ✗ ${f.target} seed ${f.seed} path "${f.path}":\n    ${f.reason.replace(/\n/g, '\n    ')}`,
  );
  const slowest = process.env['FUZZ_SHOW_SLOWEST']
    ? [
        `  slowest: ${report.slowest.ms.toFixed(0)} ms → ${report.slowest.status}\n    ${report.slowest.request.replace(/\n/g, '\n    ')}`,
      ]
    : [];
  return [line, ...failures, ...slowest].join('\n');
}

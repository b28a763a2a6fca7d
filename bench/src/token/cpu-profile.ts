// Where a service's CPU time goes, from a V8 CPU profile (`node --cpu-prof`, e.g. the token bench
// with BENCH_TOKEN_NODE_FLAGS="--cpu-prof --cpu-prof-dir=tmp/prof"). Each sample's self time goes to
// the most specific category found anywhere on its stack, in the order CATEGORIES lists them: a
// socket write made by the pg driver counts as database, a hash made for libs/crypto as crypto, and
// what only the framework and node's HTTP stack are on the stack for counts as theirs.
//   node dist/bench/src/token/cpu-profile.js [--from=<seconds, to skip start-up>] tmp/prof/CPU.<…>.cpuprofile
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const CATEGORIES: ReadonlyArray<[string, RegExp]> = [
  ['crypto', /libs\/crypto\/|node:crypto|internal\/crypto|\/jose\//],
  ['database', /\/pg\/|\/pg-[a-z-]+\/|\/typeorm\//],
  ['validation', /class-validator|class-transformer/],
  ['events', /libs\/event-store\/|libs\/messaging\/|libs\/contracts\//],
  ['node http/net', /node:_http|node:http|node:net|internal\/(http|stream|net)|node:stream|_http_/],
  ['framework', /\/koa|@koa\/|@nestjs\/|\/fastify\/|@fastify\/|\/pino|\/find-my-way\/|\/avvio\/|\/rxjs\//],
  [
    'AS code (token service, oidc-provider)',
    /\/oidc-provider\/lib\/|apps\/token\/|libs\/oauth\/|libs\/platform\//,
  ],
];

const SPECIAL = new Map([
  ['(idle)', 'idle'],
  ['(garbage collector)', 'gc'],
  ['(program)', 'program (native, unattributed)'],
]);

/** Self time per category (µs), counting samples from `fromSeconds` into the profile (after start-up). */
export function summarise(profile: CpuProfile, fromSeconds = 0): Map<string, number> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const rank = (category: string) => {
    const index = CATEGORIES.findIndex(([name]) => name === category);
    return index < 0 ? CATEGORIES.length : index;
  };
  const categoryOf = new Map<number, string>();
  const classify = (id: number): string => {
    const known = categoryOf.get(id);
    if (known) return known;
    const node = byId.get(id);
    let category = 'other JS';
    if (node) {
      const special = SPECIAL.get(node.callFrame.functionName);
      const frame = `${node.callFrame.url} ${node.callFrame.functionName}`;
      const own = CATEGORIES.find(([, pattern]) => pattern.test(frame))?.[0];
      const up = parent.get(id);
      const inherited = up === undefined ? undefined : classify(up);
      const candidates = [own, inherited].filter((c): c is string => c !== undefined && c !== 'other JS');
      category = special ?? candidates.sort((a, b) => rank(a) - rank(b))[0] ?? 'other JS';
    }
    categoryOf.set(id, category);
    return category;
  };
  const totals = new Map<string, number>();
  let elapsed = 0;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    elapsed += delta;
    if (elapsed < fromSeconds * 1e6) return;
    const category = classify(id);
    totals.set(category, (totals.get(category) ?? 0) + delta);
  });
  return totals;
}

if (require.main === module) {
  const from = process.argv.find((arg) => arg.startsWith('--from='));
  for (const file of process.argv.slice(2).filter((arg) => !arg.startsWith('--'))) {
    const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
    const totals = summarise(profile, from ? Number(from.slice('--from='.length)) : 0);
    const busy = [...totals].filter(([name]) => name !== 'idle').reduce((sum, [, us]) => sum + us, 0);
    process.stdout.write(`${file}: ${(busy / 1e6).toFixed(1)} s on CPU\n`);
    for (const [name, us] of [...totals].sort((a, b) => b[1] - a[1])) {
      if (name === 'idle') continue;
      process.stdout.write(`  ${name.padEnd(32)} ${((100 * us) / busy).toFixed(1).padStart(5)} %\n`);
    }
  }
}

// jose as a reference implementation for the differential tests. jose 6 is ESM-only and jest 29's
// CommonJS runtime cannot load it, so it runs in a child Node process (which loads ESM natively)
// that answers one JSON line per request over stdin/stdout.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const ORACLE_SOURCE = `
import * as jose from 'jose';
import { createInterface } from 'node:readline';

const b64u = (bytes) => Buffer.from(bytes).toString('base64url');
async function answer(request) {
  switch (request.op) {
    case 'compactVerify': {
      const key = request.embedded ? jose.EmbeddedJWK : request.jwk;
      const { payload, protectedHeader } = await jose.compactVerify(request.token, key, request.options);
      return { payload: b64u(payload), header: protectedHeader };
    }
    case 'jwtVerify': {
      const options = { ...request.options, currentDate: new Date(request.options.currentDate) };
      const { payload, protectedHeader } = await jose.jwtVerify(request.token, request.jwk, options);
      return { claims: payload, header: protectedHeader };
    }
    case 'sign': {
      const key = await jose.importJWK(request.jwk, request.alg);
      const token = await new jose.CompactSign(Buffer.from(request.payload, 'base64url'))
        .setProtectedHeader({ alg: request.alg, kid: request.kid })
        .sign(key);
      return { token };
    }
    case 'thumbprint':
      return { thumbprint: await jose.calculateJwkThumbprint(request.jwk, 'sha256') };
    default:
      throw new Error('unknown op ' + request.op);
  }
}
const lines = createInterface({ input: process.stdin });
lines.on('line', async (line) => {
  const { id, ...request } = JSON.parse(line);
  let reply;
  try {
    reply = { id, ok: true, ...(await answer(request)) };
  } catch (error) {
    reply = { id, ok: false, error: error.code ?? error.name };
  }
  process.stdout.write(JSON.stringify(reply) + '\\n');
});
`;

export type OracleRequest =
  | {
      op: 'compactVerify';
      token: string;
      jwk?: unknown;
      embedded?: boolean;
      options: { algorithms: string[]; crit?: Record<string, boolean> };
    }
  | {
      op: 'jwtVerify';
      token: string;
      jwk: unknown;
      options: Record<string, unknown> & { currentDate: number };
    }
  | { op: 'sign'; alg: string; kid: string; jwk: unknown; payload: string }
  | { op: 'thumbprint'; jwk: unknown };

export interface OracleReply {
  readonly ok: boolean;
  readonly error?: string;
  readonly payload?: string;
  readonly header?: Record<string, unknown>;
  readonly claims?: Record<string, unknown>;
  readonly token?: string;
  readonly thumbprint?: string;
}

export class JoseOracle {
  private readonly pending = new Map<number, (reply: OracleReply) => void>();
  private nextId = 0;

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const { id, ...reply } = JSON.parse(line) as OracleReply & { id: number };
      this.pending.get(id)?.(reply);
      this.pending.delete(id);
    });
  }

  static start(): JoseOracle {
    const root = join(__dirname, '..', '..', '..', '..');
    const child = spawn(process.execPath, ['--input-type=module', '-e', ORACLE_SOURCE], {
      cwd: root,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    return new JoseOracle(child);
  }

  ask(request: OracleRequest): Promise<OracleReply> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.child.stdin.write(`${JSON.stringify({ id, ...request })}\n`);
    });
  }

  async stop(): Promise<void> {
    this.child.stdin.end();
    if (this.child.exitCode === null) await new Promise((resolve) => this.child.once('exit', resolve));
  }
}

// The test's handle on fapi-client.mjs: openid-client v6 in a child Node process, one JSON line per
// step. A step that openid-client refuses resolves to `{ error }` (its code, the OAuth error, the
// HTTP status) so negative steps read as plainly as positive ones.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface ClientError {
  name?: string;
  code?: string;
  message: string;
  error?: string;
  error_description?: string;
  status?: number;
  /** openid-client wraps the check that failed (its code and message) as the cause. */
  cause?: { code?: string; message?: string; status?: number; body?: string };
}

export type StepResult<T> = { result: T; error?: undefined } | { result?: undefined; error: ClientError };

export interface TokenSummary {
  token_type: string;
  expires_in?: number;
  scope?: string;
  grant_id?: string;
  authorization_details?: Array<Record<string, unknown>>;
  has_refresh_token: boolean;
  has_id_token: boolean;
  access_token_claims?: Record<string, unknown>;
  id_token_claims?: Record<string, unknown>;
}

export interface ResourceResponse {
  status: number;
  body?: Record<string, unknown>;
  wwwAuthenticate: string | null;
}

export interface DiscoverInput {
  issuer: string;
  clientId: string;
  /** The client's private JWK for private_key_jwt; without it the client authenticates by mTLS. */
  privateJwk?: object;
  metadata?: Record<string, unknown>;
  /** PEM client certificate, key and the CA to trust for an https issuer. */
  tls?: { cert: string; key: string; ca?: string };
  /** DPoP-bound tokens (default) or, with `false`, certificate-bound ones. */
  dpop?: boolean;
}

export class OpenidClientTpp {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting = new Map<number, (line: { result?: unknown; error?: ClientError }) => void>();
  private nextId = 1;
  private stderr = '';

  constructor() {
    this.child = spawn(process.execPath, [join(__dirname, 'fapi-client.mjs')], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      const { id, ...answer } = JSON.parse(line) as { id: number; result?: unknown; error?: ClientError };
      this.waiting.get(id)?.(answer);
      this.waiting.delete(id);
    });
    this.child.once('exit', (code) => {
      for (const resolve of this.waiting.values()) {
        resolve({
          error: { message: `openid-client process exited (${code}): ${this.stderr.slice(-2000)}` },
        });
      }
      this.waiting.clear();
    });
  }

  /** Runs one step; resolves with its result or openid-client's error. */
  step<T>(step: string, input: object = {}): Promise<StepResult<T>> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve as (line: { result?: unknown; error?: ClientError }) => void);
      this.child.stdin.write(`${JSON.stringify({ id, step, ...input })}\n`);
    });
  }

  /** Runs one step that must succeed. */
  async must<T>(step: string, input: object = {}): Promise<T> {
    const answer = await this.step<T>(step, input);
    if (answer.error) throw new Error(`openid-client ${step} failed: ${JSON.stringify(answer.error)}`);
    return answer.result as T;
  }

  discover(input: DiscoverInput) {
    return this.must<Record<string, unknown>>('discover', input);
  }

  clientCredentials(name: string, scope: string) {
    return this.must<TokenSummary>('clientCredentials', { name, scope });
  }

  pushAuthorizationRequest(parameters: {
    redirect_uri: string;
    scope: string;
    authorization_details?: Array<Record<string, unknown>>;
    /** FAPI Grant Management: change the grant `grant_id` names instead of creating one. */
    grant_management_action?: 'update' | 'replace';
    grant_id?: string;
  }) {
    return this.must<{ authorizationUrl: string; state: string }>('pushAuthorizationRequest', {
      parameters,
    });
  }

  redeem(name: string, callbackUrl: string) {
    return this.step<TokenSummary>('redeem', { name, callbackUrl });
  }

  refresh(name: string, from: string) {
    return this.must<TokenSummary>('refresh', { name, from });
  }

  /** `certificate`: present this client certificate (PEM) instead of the TPP's for this call. */
  resource(
    token: string,
    url: string,
    options: {
      method?: string;
      body?: object;
      headers?: object;
      certificate?: { cert: string; key: string };
    } = {},
  ) {
    return this.must<ResourceResponse>('resource', { token, url, ...options });
  }

  introspect(token: string, kind: 'access' | 'refresh' = 'access') {
    return this.must<Record<string, unknown>>('introspect', { token, kind });
  }

  revoke(token: string, kind: 'access' | 'refresh' = 'access') {
    return this.must<{ revoked: true }>('revoke', { token, kind });
  }

  close(): Promise<void> {
    if (this.child.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.stdin.end();
    });
  }
}

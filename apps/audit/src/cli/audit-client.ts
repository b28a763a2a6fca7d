// The CLI's side of the audit API: a compliance officer token (given, or minted for a few minutes
// from the officer's private key file) and JSON or NDJSON requests.
import { readFileSync } from 'node:fs';
import { randomId, signJwt, signingKeyFromJwk } from '@grantline/crypto';

export interface ClientOptions {
  url: string;
  token?: string;
  key?: string;
  officer: string;
}

export class AuditApiError extends Error {}

export class AuditClient {
  constructor(private readonly options: ClientOptions) {}

  async token(): Promise<string> {
    if (this.options.token) return this.options.token;
    if (!this.options.key)
      throw new AuditApiError('give --token (or AUDIT_TOKEN) or --key with the officer private key file');
    let jwk: unknown;
    try {
      jwk = JSON.parse(readFileSync(this.options.key, 'utf8'));
    } catch {
      throw new AuditApiError(`cannot read the officer key file ${this.options.key}`);
    }
    const now = Math.floor(Date.now() / 1000);
    return signJwt(signingKeyFromJwk(jwk), {
      sub: this.options.officer,
      aud: 'grantline-audit',
      iat: now,
      exp: now + 300,
      jti: randomId(16),
    });
  }

  async get(path: string, query: Record<string, string | undefined> = {}): Promise<Response> {
    const url = new URL(path, this.options.url);
    for (const [name, value] of Object.entries(query))
      if (value !== undefined) url.searchParams.set(name, value);
    const response = await fetch(url, { headers: { authorization: `Bearer ${await this.token()}` } });
    if (!response.ok) {
      const body = (await response.json().catch(() => ({}))) as {
        error?: string;
        error_description?: string;
      };
      throw new AuditApiError(
        `${response.status} ${body.error ?? ''}: ${body.error_description ?? response.statusText}`,
      );
    }
    return response;
  }

  async json<T>(path: string, query: Record<string, string | undefined> = {}): Promise<T> {
    return (await this.get(path, query)).json() as Promise<T>;
  }
}

// The stage for the attack catalogue: the embedded runtime as `npm start` runs it (its own process,
// its own PostgreSQL), two registered TPPs, a victim and an attacker, and the raw HTTP steps an
// attacker takes, each returning what the server answered so a test can say what must be refused.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Claims,
  OpenBankingTpp,
  type Pkce,
  PsuBrowser,
  type Reply,
  TestTpp,
  writeClientsFile,
} from '@grantline/testing';
import { type RuntimeProcess, startRuntimeProcess } from '../openid-client/runtime-process';

export const alice = { username: 'alice', password: 'alice-demo-pass' };
export const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export interface IssuedCode {
  code: string;
  pkce: Pkce;
  requestUri: string;
  redirect: URL;
}

export interface TokenOptions {
  /** Whose DPoP key proves the request; null sends no DPoP header. Default: the caller's own. */
  dpopBy?: TestTpp | null;
  /** The client_assertion to send; null sends no client authentication. Default: a good one. */
  assertion?: string | null;
}

async function replyOf(response: Response): Promise<Reply> {
  const text = await response.text();
  try {
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  } catch {
    return { status: response.status, body: { unparsed: text.slice(0, 500) } };
  }
}

export class AttackPlatform {
  runtime!: RuntimeProcess;
  origin = '';
  private readonly clientsDir = mkdtempSync(join(tmpdir(), 'grantline-attacks-'));
  private readonly ccTokens = new Map<string, string>();

  constructor(
    readonly victim = new TestTpp({
      clientName: 'Victim Budgeting App',
      redirectUri: 'https://victim.example/cb',
    }),
    readonly attacker = new TestTpp({
      clientName: 'Attacker App',
      redirectUri: 'https://attacker.example/cb',
    }),
  ) {}

  async start(env: Record<string, string> = {}): Promise<void> {
    const clientsFile = join(this.clientsDir, 'clients.json');
    writeClientsFile(clientsFile, [this.victim, this.attacker]);
    this.runtime = await startRuntimeProcess({ GRANTLINE_CLIENTS_FILE: clientsFile, ...env });
    this.origin = this.runtime.publicUrl;
  }

  async stop(): Promise<void> {
    await this.runtime?.stop();
    rmSync(this.clientsDir, { recursive: true, force: true });
  }

  client(tpp: TestTpp): OpenBankingTpp {
    return new OpenBankingTpp(tpp, this.origin);
  }

  /** POST /par with the given parameters (client authentication added unless they bring their own). */
  par(tpp: TestTpp, parameters: Claims, headers: Record<string, string> = {}): Promise<Reply> {
    return tpp.push(`${this.origin}/par`, this.origin, parameters, headers);
  }

  /** A good pushed request for an account-access consent of this TPP; `extra` overrides parameters. */
  async goodRequest(tpp: TestTpp, pkce: Pkce, extra: Claims = {}): Promise<Claims> {
    let ccToken = this.ccTokens.get(tpp.clientId);
    if (!ccToken) {
      ccToken = await this.client(tpp).clientCredentials('accounts');
      this.ccTokens.set(tpp.clientId, ccToken);
    }
    const consentId = await this.client(tpp).createAccountAccessConsent(ccToken);
    return tpp.authorizationRequest(pkce, {
      scope: 'openid accounts',
      authorization_details: [{ type: 'account_access', consent_id: consentId }],
      ...extra,
    });
  }

  authorizeUrl(clientId: string, requestUri: string): URL {
    const url = new URL(`${this.origin}/authorize`);
    url.search = new URLSearchParams({ client_id: clientId, request_uri: requestUri }).toString();
    return url;
  }

  /** PAR, then the PSU signs in and approves: the code at the redirect URI, not yet redeemed. */
  async issueCode(
    tpp: TestTpp,
    extra: Claims = {},
    parHeaders: Record<string, string> = {},
    browser = new PsuBrowser(),
  ): Promise<IssuedCode> {
    const pkce = tpp.newPkce();
    const pushed = await this.par(tpp, await this.goodRequest(tpp, pkce, extra), parHeaders);
    if (pushed.status !== 201) throw new Error(`PAR ${pushed.status}: ${JSON.stringify(pushed.body)}`);
    const requestUri = String(pushed.body['request_uri']);
    try {
      const redirect = await browser.signInAndApprove(
        this.authorizeUrl(tpp.clientId, requestUri),
        tpp.redirectUri,
        alice,
      );
      const code = redirect.searchParams.get('code');
      if (!code) throw new Error(`no code: ${redirect.search}`);
      return { code, pkce, requestUri, redirect };
    } finally {
      await browser.close();
    }
  }

  /** POST /token as `tpp`, with the given form; DPoP and client authentication per `options`. */
  async token(
    tpp: TestTpp,
    form: Record<string, string | undefined>,
    options: TokenOptions = {},
  ): Promise<Reply> {
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    const prover = options.dpopBy === undefined ? tpp : options.dpopBy;
    if (prover) headers['dpop'] = await prover.dpopProof('POST', `${this.origin}/token`);
    const assertion =
      options.assertion === undefined ? await tpp.clientAssertion(this.origin) : options.assertion;
    const body = new URLSearchParams(
      Object.entries(form).filter((entry): entry is [string, string] => entry[1] !== undefined),
    );
    if (assertion !== null) {
      body.set('client_assertion_type', ASSERTION_TYPE);
      body.set('client_assertion', assertion);
    }
    return replyOf(await fetch(`${this.origin}/token`, { method: 'POST', headers, body }));
  }

  /** Redeems a code as `tpp` (by default the code's own verifier and `tpp`'s redirect URI). */
  redeem(
    tpp: TestTpp,
    issued: IssuedCode,
    form: Record<string, string | undefined> = {},
    options: TokenOptions = {},
  ) {
    return this.token(
      tpp,
      {
        grant_type: 'authorization_code',
        code: issued.code,
        redirect_uri: tpp.redirectUri,
        code_verifier: issued.pkce.verifier,
        ...form,
      },
      options,
    );
  }

  /** A GET as a browser would make it, without following redirects. */
  async browse(url: URL | string): Promise<{ status: number; location: string | null; text: string }> {
    const response = await fetch(url, { redirect: 'manual' });
    return {
      status: response.status,
      location: response.headers.get('location'),
      text: await response.text(),
    };
  }
}

/** An OAuth error body with this error code. */
export const oauthError = (error: string) => expect.objectContaining({ error });

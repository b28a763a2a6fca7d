// A JWK Set fetched from a URL: a client's jwks_uri, or the token service's /jwks at a resource
// server. Keys are cached for a TTL and refetched once when a token names a key we do not hold
// (rotation), but never more often than the cooldown, so forged kids cannot cause a fetch storm.
// Fetches are bounded in time and size and never follow redirects.
import {
  importJwks,
  keySetOf,
  systemClock,
  type Clock,
  type PublicVerificationKey,
  type VerificationKeys,
} from '@grantline/crypto';
import { urlProblem } from '../clients/url-rules';

export interface RemoteJwksOptions {
  readonly url: string;
  readonly clock?: Clock;
  /** How long a fetched set is used before it is fetched again (default 300 s). */
  readonly cacheTtlSeconds?: number;
  /** Minimum time between fetches caused by unknown kids or failures (default 30 s). */
  readonly cooldownSeconds?: number;
  /** Whole request, headers and body (default 5000 ms). */
  readonly timeoutMs?: number;
  /** Largest body accepted (default 128 KiB). */
  readonly maxBytes?: number;
  /** Most keys accepted in one set (default 64). */
  readonly maxKeys?: number;
  /** Development and the embedded runtime only: allow http on loopback hosts. */
  readonly allowLoopbackHttp?: boolean;
  /** Injected for tests; defaults to the global fetch. */
  readonly fetch?: typeof fetch;
}

/** The set could not be fetched and nothing usable is cached. */
export class JwksUnavailableError extends Error {
  readonly code = 'jwks_unavailable';

  constructor(
    readonly url: string,
    problem: string,
    options?: { cause?: unknown },
  ) {
    super(`JWKS ${url} unavailable: ${problem}`, options);
    this.name = 'JwksUnavailableError';
  }
}

export class RemoteJwks implements VerificationKeys {
  private keys: VerificationKeys | undefined;
  private keyCount = 0;
  private fetchedAt = Number.NEGATIVE_INFINITY;
  private attemptedAt = Number.NEGATIVE_INFINITY;
  private lastFailure: unknown;
  private inFlight: Promise<void> | undefined;
  private readonly clock: Clock;
  private readonly ttlMs: number;
  private readonly cooldownMs: number;

  constructor(private readonly options: RemoteJwksOptions) {
    const problem = urlProblem(options.url, options.allowLoopbackHttp === true);
    if (problem) throw new JwksUnavailableError(options.url, `the URL ${problem}`);
    this.clock = options.clock ?? systemClock;
    this.ttlMs = (options.cacheTtlSeconds ?? 300) * 1000;
    this.cooldownMs = (options.cooldownSeconds ?? 30) * 1000;
  }

  get url(): string {
    return this.options.url;
  }

  /** How many keys the cached set holds (0 before the first fetch). */
  get size(): number {
    return this.keyCount;
  }

  async forHeader(header: {
    readonly alg: string;
    readonly kid?: string;
  }): Promise<readonly PublicVerificationKey[]> {
    await this.ensureFresh();
    const candidates = await this.current().forHeader(header);
    if (candidates.length > 0 || !(this.inFlight || this.mayFetch())) return candidates;
    await this.refresh().catch(() => undefined);
    return this.current().forHeader(header);
  }

  /** Fetches now; concurrent callers share one fetch. A failure keeps the cached set. */
  async refresh(): Promise<void> {
    this.inFlight ??= this.load().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private current(): VerificationKeys {
    if (this.keys) return this.keys;
    throw new JwksUnavailableError(this.options.url, describe(this.lastFailure), { cause: this.lastFailure });
  }

  private mayFetch(): boolean {
    return this.clock() - this.attemptedAt >= this.cooldownMs;
  }

  private async ensureFresh(): Promise<void> {
    const stale = this.clock() - this.fetchedAt >= this.ttlMs;
    if (!this.inFlight && !(stale && this.mayFetch())) return;
    // A failed refresh keeps serving the cached set: the issuer being briefly unreachable must not
    // reject every token; the cooldown spaces out the retries.
    await this.refresh().catch((error: unknown) => {
      if (!this.keys) throw error;
    });
  }

  private async load(): Promise<void> {
    this.attemptedAt = this.clock();
    try {
      const document = await this.fetchDocument();
      const maxKeys = this.options.maxKeys ?? 64;
      const listed = (document as { keys?: unknown } | null)?.keys;
      if (Array.isArray(listed) && listed.length > maxKeys) throw new Error(`more than ${maxKeys} keys`);
      const keys = importJwks(document);
      this.keys = keySetOf(keys);
      this.keyCount = keys.length;
      this.fetchedAt = this.clock();
      this.lastFailure = undefined;
    } catch (error) {
      this.lastFailure = error;
      throw new JwksUnavailableError(this.options.url, describe(error), { cause: error });
    }
  }

  private async fetchDocument(): Promise<unknown> {
    const fetchImpl = this.options.fetch ?? fetch;
    const response = await fetchImpl(this.options.url, {
      redirect: 'error',
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000),
      headers: { accept: 'application/jwk-set+json, application/json' },
    });
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new Error(`HTTP ${response.status}`);
    }
    const text = await readLimited(response, this.options.maxBytes ?? 128 * 1024);
    return JSON.parse(text) as unknown;
  }
}

async function readLimited(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new Error(`body larger than ${maxBytes} bytes`);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new Error(`body larger than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function describe(error: unknown): string {
  if (error instanceof JwksUnavailableError) return describe(error.cause);
  if (error instanceof Error) {
    const name = (error as { code?: unknown }).code ?? error.name;
    return name === 'Error' ? error.message : `${String(name)}: ${error.message}`;
  }
  return 'not fetched yet';
}

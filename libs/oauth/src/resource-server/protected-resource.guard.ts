// The Nest face of the resource-server check: a guard that adapts the Fastify request, runs
// verifyProtectedResourceRequest, and leaves the verified principal for handlers. Errors are OAuth
// errors, so the platform's one exception filter renders them with their WWW-Authenticate header.
import 'reflect-metadata';
import {
  Inject,
  Injectable,
  SetMetadata,
  createParamDecorator,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import type { VerifiedPrincipal } from './access-token';
import { ProtectedResource, type ProtectedResourceRequest } from './protected-resource';

/** Nest provider token for the ProtectedResource the guard uses. */
export const PROTECTED_RESOURCE = Symbol('grantline.protected-resource');
/** Nest provider token for this service's public base URL, e.g. `https://api.bank.example` (a path prefix is kept). */
export const PUBLIC_ORIGIN = Symbol('grantline.public-origin');

const REQUIRED_SCOPES = 'grantline:required-scopes';
const principals = new WeakMap<object, VerifiedPrincipal>();

/** The parts of a Fastify request the guard reads; structural, so this lib needs no Fastify import. */
export interface HttpRequestLike {
  readonly method: string;
  /** Path and query as received. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly query?: unknown;
  readonly body?: unknown;
  readonly raw?: { readonly socket?: PeerSocket };
  readonly socket?: PeerSocket;
}

interface PeerSocket {
  readonly remoteAddress?: string;
  getPeerCertificate?(detailed?: boolean): { raw?: Uint8Array } | null | Record<string, never>;
}

interface ReplyLike {
  header?(name: string, value: string): unknown;
}

/** Scopes every one of which the token must carry, on a handler or a controller. */
export const RequireScopes = (...scopes: string[]) => SetMetadata(REQUIRED_SCOPES, scopes);

/** The verified principal of the current request (after ProtectedResourceGuard). */
export const Principal = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  principalOf(context.switchToHttp().getRequest<object>()),
);

export function principalOf(request: object): VerifiedPrincipal {
  const principal = principals.get(request);
  if (!principal) throw new TypeError('no verified principal: is ProtectedResourceGuard on this route?');
  return principal;
}

/**
 * Builds what the check needs from an HTTP request. The URL's origin is the configured public one,
 * never the Host header, so a proof made for another server cannot be replayed here by naming it.
 */
export function protectedResourceRequestOf(
  request: HttpRequestLike,
  publicOrigin: string,
): ProtectedResourceRequest {
  const socket = request.raw?.socket ?? request.socket;
  const certificate = socket?.getPeerCertificate?.(false);
  const der = certificate && 'raw' in certificate ? certificate.raw : undefined;
  return {
    method: request.method,
    url: publicUrl(request.url, publicOrigin),
    headers: request.headers,
    query: request.query,
    body: request.body,
    peerAddress: socket?.remoteAddress,
    tlsClientCertificate: der,
  };
}

// Concatenated, never resolved: resolving "//evil.example/x" against the base would change the host.
function publicUrl(requestUrl: string, publicBase: string): string {
  const path = requestUrl.startsWith('/') ? requestUrl : `/${requestUrl}`;
  return `${publicBase.replace(/\/+$/, '')}${path}`;
}

@Injectable()
export class ProtectedResourceGuard implements CanActivate {
  constructor(
    @Inject(PROTECTED_RESOURCE) private readonly resource: ProtectedResource,
    @Inject(PUBLIC_ORIGIN) private readonly publicOrigin: string,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<HttpRequestLike>();
    const required =
      (Reflect.getMetadata(REQUIRED_SCOPES, context.getHandler()) as string[] | undefined) ??
      (Reflect.getMetadata(REQUIRED_SCOPES, context.getClass()) as string[] | undefined) ??
      [];
    const principal = await this.resource.verify(
      protectedResourceRequestOf(request, this.publicOrigin),
      required,
    );
    principals.set(request, principal);
    const nonce = this.resource.freshDpopNonce();
    if (nonce !== undefined && principal.sender === 'dpop')
      http.getResponse<ReplyLike>().header?.('DPoP-Nonce', nonce);
    return true;
  }
}

// A resource server's ProtectedResource for tokens of a remote issuer: its JWKS fetched over https
// (plain http only on loopback, for development), the active profile's algorithms, the service's
// denylist, the DPoP proof jtis its replicas share, and certificate-bound tokens checked against
// TLS or a trusted proxy's header (MTLS-1).
import type { JtiReplayStore } from '@grantline/crypto';
import { RemoteJwks } from '../jwks/remote-jwks';
import type { ForwardedCertificateOptions } from './client-certificate';
import { ProtectedResource } from './protected-resource';
import { VerifiedAccessTokens } from './verified-access-tokens';
import type { RevocationDenylist } from './revocation-denylist';

export interface IssuerProtectedResourceOptions {
  issuer: string;
  jwksUri: string;
  audiences: readonly string[];
  algorithms: readonly string[];
  denylist: RevocationDenylist;
  /** Shared by every replica (DPOP-1): a proof replayed at another replica is refused too. */
  dpopReplay: JtiReplayStore;
  forwardedCertificate?: ForwardedCertificateOptions;
}

const isLoopback = (url: string) => /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/.test(`${url}/`);

export function issuerProtectedResource(options: IssuerProtectedResourceOptions): ProtectedResource {
  return new ProtectedResource({
    issuer: options.issuer,
    audience: options.audiences,
    accessTokenKeys: new RemoteJwks({ url: options.jwksUri, allowLoopbackHttp: isLoopback(options.jwksUri) }),
    verifiedAccessTokens: new VerifiedAccessTokens(),
    algorithms: options.algorithms,
    denylist: options.denylist,
    dpopReplay: options.dpopReplay,
    forwardedCertificate: options.forwardedCertificate,
  });
}

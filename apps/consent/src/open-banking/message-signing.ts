// x-jws-signature (CON-5): requests are verified against the calling TPP's registered keys, and
// their OB iss must name that TPP; when the profile requires it (uk-ob), payment POSTs without one
// are refused. Responses are signed with the bank's signing key when one is configured, so TPPs
// can verify what the bank answered.
import { Inject, Injectable } from '@nestjs/common';
import {
  CryptoError,
  OB_ISS,
  signDetachedJws,
  systemClock,
  verifyDetachedJws,
  type SigningKeyRing,
} from '@grantline/crypto';
import type { ClientRegistry, SecuritySettings } from '@grantline/oauth';
import { ObError } from './ob-error';

export const CLIENT_REGISTRY = Symbol('consent.client-registry');
export const SECURITY_SETTINGS = Symbol('consent.security-settings');
export const RESPONSE_SIGNING_KEYS = Symbol('consent.response-signing-keys');

const invalidSignature = (message: string) => new ObError(400, 'UK.OBIE.Signature.Invalid', message);

/**
 * The OB `iss` names the TPP that signed: its client_id, or the directory's "{org-id}/{software-id}"
 * form for a client registered with that software_id. The key is the client's own either way; this
 * keeps a signature that says it is another party's from being taken as the caller's.
 */
export function namesSigner(iss: unknown, clientId: string, softwareId: string | undefined): boolean {
  if (iss === clientId) return true;
  if (softwareId === undefined || typeof iss !== 'string') return false;
  const [organisation, software, ...rest] = iss.split('/');
  return rest.length === 0 && organisation !== '' && software === softwareId;
}

@Injectable()
export class MessageSigning {
  constructor(
    @Inject(CLIENT_REGISTRY) private readonly clients: ClientRegistry,
    @Inject(SECURITY_SETTINGS) private readonly settings: SecuritySettings,
    @Inject(RESPONSE_SIGNING_KEYS) private readonly signingKeys: SigningKeyRing | undefined,
    @Inject('CONSENT_ISSUER') private readonly issuer: string,
  ) {}

  /** Verifies the request's signature if present; `payment` POSTs need one when the profile says so. */
  async verifyRequest(
    clientId: string,
    header: string | string[] | undefined,
    rawBody: string,
    payment: boolean,
  ): Promise<void> {
    if (header === undefined) {
      if (payment && this.settings.requirePaymentJwsSignature) {
        throw new ObError(
          400,
          'UK.OBIE.Signature.Missing',
          'x-jws-signature is required on payment requests',
        );
      }
      return;
    }
    if (typeof header !== 'string') throw invalidSignature('Exactly one x-jws-signature header is allowed');
    const client = await this.clients.find(clientId);
    if (!client) throw invalidSignature('The client has no registered keys to verify x-jws-signature');
    try {
      const verified = await verifyDetachedJws(header, rawBody, {
        keys: client.keys,
        algorithms: this.settings.signingAlgorithms,
        clock: systemClock,
        maxAgeSeconds: 300,
      });
      if (!namesSigner(verified.header[OB_ISS], clientId, client.metadata.software_id)) {
        throw invalidSignature(
          'x-jws-signature: "http://openbanking.org.uk/iss" does not name the calling TPP',
        );
      }
    } catch (error) {
      if (error instanceof CryptoError) throw invalidSignature(`x-jws-signature is invalid (${error.code})`);
      throw error;
    }
  }

  /** The x-jws-signature of a response body, or undefined when the bank has no signing key. */
  async signResponse(body: string): Promise<string | undefined> {
    if (!this.signingKeys) return undefined;
    const key = this.signingKeys.signingKey(systemClock, this.settings.signingAlgorithms);
    return signDetachedJws(key, body, { issuer: this.issuer, clock: systemClock });
  }
}

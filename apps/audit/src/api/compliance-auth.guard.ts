// The audit API's own authentication (AUD-3), separate from TPP tokens: a compliance officer
// presents a short-lived JWT signed by a key in AUDIT_COMPLIANCE_JWKS, with aud "grantline-audit",
// or a client certificate from the compliance CA naming a listed officer (compliance-certificates).
// TPP access tokens are signed by other keys and carry other audiences, so they never pass.
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { systemClock, verifyJwt } from '@grantline/crypto';
import type { TlsRequestLike } from '@grantline/oauth';
import { AUDIT_KEYS } from '../audit.tokens';
import type { AuditKeys } from '../audit-keys';
import { ComplianceAuthenticationRequired } from './audit-errors';
import { ComplianceCertificates } from './compliance-certificates';

export const COMPLIANCE_AUDIENCE = 'grantline-audit';
const MAX_LIFETIME_SECONDS = 3600;

export interface ComplianceRequest extends TlsRequestLike {
  headers: Record<string, string | string[] | undefined>;
  officer?: string;
}

@Injectable()
export class ComplianceAuthGuard implements CanActivate {
  constructor(
    @Inject(AUDIT_KEYS) private readonly keys: AuditKeys,
    @Inject(ComplianceCertificates) private readonly certificates: ComplianceCertificates,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<ComplianceRequest>();
    const header = request.headers['authorization'];
    if (header === undefined) {
      const officer = this.certificates.officerOf(request);
      if (officer) {
        request.officer = officer;
        return true;
      }
    }
    const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header) : null;
    if (!match)
      throw new ComplianceAuthenticationRequired(
        'a compliance officer token is required (Authorization: Bearer)',
      );
    try {
      const { claims } = await verifyJwt(match[1], {
        keys: this.keys.complianceKeys,
        algorithms: ['EdDSA', 'ES256', 'PS256'],
        audience: COMPLIANCE_AUDIENCE,
        clock: systemClock,
        clockToleranceSeconds: 30,
        requiredClaims: ['sub', 'exp', 'iat'],
      });
      if (typeof claims.sub !== 'string' || claims.sub.length === 0 || claims.sub.length > 200)
        throw new Error('sub');
      if ((claims.exp as number) - (claims.iat as number) > MAX_LIFETIME_SECONDS) throw new Error('lifetime');
      request.officer = claims.sub;
      return true;
    } catch {
      throw new ComplianceAuthenticationRequired('the compliance officer token is invalid or expired');
    }
  }
}

// AUD-3's other way in: a compliance officer's client certificate, issued by the bank's compliance
// CA (TLS_CLIENT_CA_FILE of this internal service) and naming one of the subjects listed in
// AUDIT_COMPLIANCE_CERT_SUBJECTS. TLS ends at the service, or at a proxy this service trusts
// (CLIENT_CERT_HEADER from CLIENT_CERT_TRUSTED_PROXIES only), as for every service (MTLS-1).
import {
  clientCertificateRequestOf,
  clientCertificateSettings,
  parseDistinguishedName,
  presentedClientCertificate,
  subjectMatches,
  type ClientCertificateSettings,
  type TlsRequestLike,
} from '@grantline/oauth';
import { clientCertificateConfigOf } from '@grantline/platform';
import type { AuditConfig } from '../audit.config';
import { ComplianceAuthenticationRequired } from './audit-errors';

const OFFICER_ID_MAX = 200;

export class ComplianceCertificates {
  constructor(
    private readonly settings: ClientCertificateSettings,
    private readonly subjects: readonly string[],
  ) {}

  static fromConfig(config: AuditConfig): ComplianceCertificates {
    for (const subject of config.AUDIT_COMPLIANCE_CERT_SUBJECTS) {
      if (!parseDistinguishedName(subject)?.length) {
        throw new Error(`AUDIT_COMPLIANCE_CERT_SUBJECTS: "${subject}" is not an RFC 4514 name`);
      }
    }
    if (config.AUDIT_COMPLIANCE_CERT_SUBJECTS.length > 0 && !config.TLS_CLIENT_CA_FILE) {
      throw new Error('AUDIT_COMPLIANCE_CERT_SUBJECTS needs TLS_CLIENT_CA_FILE (the compliance CA)');
    }
    return new ComplianceCertificates(
      clientCertificateSettings(clientCertificateConfigOf(config)),
      config.AUDIT_COMPLIANCE_CERT_SUBJECTS,
    );
  }

  /**
   * The officer a request's certificate identifies, or undefined when it carries none (or this
   * deployment accepts none); a certificate that does not qualify is refused outright.
   */
  officerOf(request: TlsRequestLike): string | undefined {
    if (this.subjects.length === 0) return undefined;
    const presented = presentedClientCertificate(clientCertificateRequestOf(request), this.settings);
    if (!presented) return undefined;
    if (!presented.issuedByTrustedCa) {
      throw new ComplianceAuthenticationRequired('the client certificate is not issued by the compliance CA');
    }
    if (!this.subjects.some((subject) => subjectMatches(subject, presented.facts.subject))) {
      throw new ComplianceAuthenticationRequired('the client certificate names no compliance officer');
    }
    const officer = `cert:${presented.subjectDn}`;
    if (officer.length > OFFICER_ID_MAX) {
      throw new ComplianceAuthenticationRequired("the client certificate's subject is too long");
    }
    return officer;
  }
}

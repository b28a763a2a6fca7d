// The audit API's errors: JSON bodies with a stable `error` code, never a 500 for bad input.
import type { ProtocolProblem } from '@grantline/platform';

export class AuditRequestInvalid extends Error {
  constructor(readonly description: string) {
    super(description);
  }

  toProtocolProblem(): ProtocolProblem {
    return { status: 400, body: { error: 'invalid_request', error_description: this.description } };
  }
}

export class ComplianceAuthenticationRequired extends Error {
  constructor(readonly description: string) {
    super(description);
  }

  toProtocolProblem(): ProtocolProblem {
    return {
      status: 401,
      body: { error: 'invalid_token', error_description: this.description },
      headers: { 'www-authenticate': 'Bearer realm="grantline-audit", error="invalid_token"' },
    };
  }
}

export class AuditResourceNotFound extends Error {
  constructor(readonly description: string) {
    super(description);
  }

  toProtocolProblem(): ProtocolProblem {
    return { status: 404, body: { error: 'not_found', error_description: this.description } };
  }
}

// How an app renders errors that don't come from its own domain: unknown routes, malformed bodies,
// oversized requests, rate limits, and unexpected failures. Each protocol keeps its own body shape.
import type { ProblemContext, ProtocolProblem } from './protocol-problem';

export type FrameworkErrorKind =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'not_acceptable'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'too_many_requests'
  | 'unavailable'
  | 'internal';

export interface ErrorFormat {
  readonly name: string;
  render(kind: FrameworkErrorKind, context: ProblemContext): ProtocolProblem;
}

const STATUS: Record<FrameworkErrorKind, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  not_acceptable: 406,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  unavailable: 503,
  internal: 500,
};

const DESCRIPTION: Record<FrameworkErrorKind, string> = {
  bad_request: 'The request is malformed',
  unauthorized: 'Authentication is required',
  forbidden: 'The request is not allowed',
  not_found: 'No such resource',
  method_not_allowed: 'The method is not allowed on this resource',
  not_acceptable: 'The requested representation is not available',
  payload_too_large: 'The request body is too large',
  unsupported_media_type: 'The content type is not supported',
  too_many_requests: 'Too many requests; retry later',
  unavailable: 'The service is temporarily unavailable',
  internal: 'The server encountered an unexpected error',
};

/** RFC 6749 §5.2 error JSON; codes outside the RFC are used only where the RFC has none. */
export const oauthErrorFormat: ErrorFormat = {
  name: 'oauth',
  render(kind) {
    const error: Record<FrameworkErrorKind, string> = {
      bad_request: 'invalid_request',
      unauthorized: 'invalid_client',
      forbidden: 'access_denied',
      not_found: 'not_found',
      method_not_allowed: 'invalid_request',
      not_acceptable: 'invalid_request',
      payload_too_large: 'invalid_request',
      unsupported_media_type: 'invalid_request',
      too_many_requests: 'too_many_requests',
      unavailable: 'temporarily_unavailable',
      internal: 'server_error',
    };
    const headers: Record<string, string> = kind === 'too_many_requests' ? { 'retry-after': '60' } : {};
    return {
      status: STATUS[kind],
      body: { error: error[kind], error_description: DESCRIPTION[kind] },
      headers,
    };
  },
};

/** UK Open Banking v4 error response: Code, Id (the interaction id), Message, Errors[]. */
export const openBankingErrorFormat: ErrorFormat = {
  name: 'open-banking',
  render(kind, context) {
    const errorCode: Record<FrameworkErrorKind, string> = {
      bad_request: 'UK.OBIE.Field.Invalid',
      unauthorized: 'UK.OBIE.Unauthorised',
      forbidden: 'UK.OBIE.Forbidden',
      not_found: 'UK.OBIE.Resource.NotFound',
      method_not_allowed: 'UK.OBIE.NotSupported',
      not_acceptable: 'UK.OBIE.Header.Invalid',
      payload_too_large: 'UK.OBIE.Field.Invalid',
      unsupported_media_type: 'UK.OBIE.Header.Invalid',
      too_many_requests: 'UK.OBIE.Rules.ResourceOverLimit',
      unavailable: 'UK.OBIE.UnexpectedError',
      internal: 'UK.OBIE.UnexpectedError',
    };
    const headers: Record<string, string> = kind === 'too_many_requests' ? { 'retry-after': '60' } : {};
    return {
      status: STATUS[kind],
      body: {
        Code: String(STATUS[kind]),
        Id: context.interactionId,
        Message: DESCRIPTION[kind],
        Errors: [{ ErrorCode: errorCode[kind], Message: DESCRIPTION[kind] }],
      },
      headers,
    };
  },
};

/** The kind of framework error an HTTP status stands for; anything unknown is a server error. */
export function kindOfStatus(status: number): FrameworkErrorKind {
  const byStatus = Object.entries(STATUS).find(([, value]) => value === status);
  if (byStatus) return byStatus[0] as FrameworkErrorKind;
  if (status >= 400 && status < 500) return 'bad_request';
  return 'internal';
}

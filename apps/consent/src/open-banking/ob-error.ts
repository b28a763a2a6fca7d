// UK Open Banking v4 error responses: { Code, Id, Message, Errors: [{ ErrorCode, Message, Path }] }.
// Domain and HTTP errors of this service extend ObError, so the platform's one exception filter
// renders them (it calls toProtocolProblem) and nothing leaves as a 500 by accident.

export interface ObErrorDetail {
  ErrorCode: string;
  Message: string;
  Path?: string;
}

export class ObError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly details: readonly ObErrorDetail[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }

  toProtocolProblem(context: { interactionId: string | undefined }): {
    status: number;
    body: Record<string, unknown>;
    headers: Record<string, string>;
  } {
    const errors =
      this.details.length > 0 ? this.details : [{ ErrorCode: this.errorCode, Message: this.message }];
    return {
      status: this.status,
      body: { Code: String(this.status), Id: context.interactionId, Message: this.message, Errors: errors },
      headers: this.headers,
    };
  }
}

export const badRequest = (errorCode: string, message: string, path?: string) =>
  new ObError(400, errorCode, message, [
    { ErrorCode: errorCode, Message: message, ...(path ? { Path: path } : {}) },
  ]);

/** 404 is also the answer for another client's resource, so ids cannot be probed (CON-6). */
export const notFound = (what: string) =>
  new ObError(404, 'UK.OBIE.Resource.NotFound', `${what} was not found`);

export const forbidden = (message: string) => new ObError(403, 'UK.OBIE.Forbidden', message);

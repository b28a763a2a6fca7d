// A request that failed because PostgreSQL is out of reach (restarting, recovering, the connection
// cut) is not the client's fault nor a bug: it is answered 503 temporarily_unavailable, so the
// client retries later, instead of a 500 that says nothing about retrying (ROB-2).

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);
// PostgreSQL SQLSTATEs: class 08 (connection exception), 57P01–57P03 (admin/crash shutdown,
// cannot connect now: starting up or in recovery), 53300 (too many connections).
const SERVER_UNAVAILABLE = /^(08[0-9A-Z]{3}|57P0[1-3]|53300)$/;
const CONNECTION_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended unexpectedly/i;

function outageIn(error: unknown, depth: number): boolean {
  if (depth > 3 || error === null || typeof error !== 'object') return false;
  const { code, message, driverError, cause } = error as {
    code?: unknown;
    message?: unknown;
    driverError?: unknown;
    cause?: unknown;
  };
  if (typeof code === 'string' && (CONNECTION_CODES.has(code) || SERVER_UNAVAILABLE.test(code))) return true;
  if (typeof message === 'string' && CONNECTION_MESSAGES.test(message)) return true;
  // TypeORM wraps the driver's error; Node wraps causes.
  return outageIn(driverError, depth + 1) || outageIn(cause, depth + 1);
}

export function isDependencyOutage(error: unknown): boolean {
  return outageIn(error, 0);
}

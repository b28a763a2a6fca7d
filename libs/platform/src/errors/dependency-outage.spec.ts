// [ROB-2] While PostgreSQL restarts, requests fail with connection errors: the client gets 503
// temporarily_unavailable (retry later) in its protocol's format, not a 500 server_error.
import { QueryFailedError } from 'typeorm';
import { isDependencyOutage } from './dependency-outage';
import { oauthErrorFormat, openBankingErrorFormat } from './error-format';
import { renderError } from './render-error';

const context = { interactionId: '3f1e8f55-9b43-4a5e-8d3a-6e9a1c1e2b11' };

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('dependency outages', () => {
  it.each([
    ['a refused connection', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['a reset connection', withCode('read ECONNRESET', 'ECONNRESET')],
    ['a connection the server ended', new Error('Connection terminated unexpectedly')],
    ['a pool that cannot connect in time', new Error('timeout exceeded when trying to connect')],
    [
      'a server shutting down (57P01)',
      withCode('terminating connection due to administrator command', '57P01'),
    ],
    ['a server recovering (57P03)', withCode('the database system is in recovery mode', '57P03')],
    ['a connection failure (08006)', withCode('connection failure', '08006')],
    [
      'a failed query whose driver lost the server',
      new QueryFailedError(
        'SELECT 1',
        [],
        withCode('terminating connection due to administrator command', '57P01'),
      ),
    ],
  ])('[ROB-2] %s is an outage: 503 temporarily_unavailable, logged', (_name, error) => {
    expect(isDependencyOutage(error)).toBe(true);
    expect(renderError(error, oauthErrorFormat, context)).toEqual({
      problem: expect.objectContaining({
        status: 503,
        body: expect.objectContaining({ error: 'temporarily_unavailable' }),
      }),
      unexpected: true,
    });
    expect(renderError(error, openBankingErrorFormat, context).problem.status).toBe(503);
  });

  it.each([
    ['a programming error', new TypeError("Cannot read properties of undefined (reading 'x')")],
    [
      'a constraint violation (23505)',
      new QueryFailedError('INSERT', [], withCode('duplicate key', '23505')),
    ],
    ['a syntax error (42601)', withCode('syntax error at or near', '42601')],
    ['nothing useful', 'a string'],
  ])('%s is still a 500 that reveals nothing', (_name, error) => {
    expect(isDependencyOutage(error)).toBe(false);
    expect(renderError(error, oauthErrorFormat, context).problem.status).toBe(500);
  });
});

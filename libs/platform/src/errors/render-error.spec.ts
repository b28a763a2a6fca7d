// [ROB-1] every failure becomes a protocol-format error body; unexpected ones reveal nothing.
import { BadRequestException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { oauthErrorFormat, openBankingErrorFormat } from './error-format';
import type { ProtocolProblem, RendersProtocolProblem } from './protocol-problem';
import { renderError } from './render-error';

const context = { interactionId: '3f1e8f55-9b43-4a5e-8d3a-6e9a1c1e2b11' };

class InvalidGrant extends Error implements RendersProtocolProblem {
  toProtocolProblem(): ProtocolProblem {
    return { status: 400, body: { error: 'invalid_grant', error_description: 'code already used' } };
  }
}

describe('renderError', () => {
  it('renders a domain error in its own protocol format', () => {
    expect(renderError(new InvalidGrant(), oauthErrorFormat, context)).toEqual({
      problem: { status: 400, body: { error: 'invalid_grant', error_description: 'code already used' } },
      unexpected: false,
    });
  });

  it('[ROB-1] renders framework errors as OAuth JSON', () => {
    expect(
      renderError(new NotFoundException('Cannot GET /x'), oauthErrorFormat, context).problem,
    ).toMatchObject({
      status: 404,
      body: { error: 'not_found' },
    });
    expect(renderError(new PayloadTooLargeException(), oauthErrorFormat, context).problem).toMatchObject({
      status: 413,
      body: { error: 'invalid_request' },
    });
    expect(renderError({ statusCode: 429 }, oauthErrorFormat, context).problem).toMatchObject({
      status: 429,
      headers: { 'retry-after': '60' },
    });
  });

  it('[ROB-1] renders framework errors as an OB error body with the interaction id', () => {
    expect(renderError(new BadRequestException('bad json'), openBankingErrorFormat, context).problem).toEqual(
      {
        status: 400,
        headers: {},
        body: {
          Code: '400',
          Id: context.interactionId,
          Message: 'The request is malformed',
          Errors: [{ ErrorCode: 'UK.OBIE.Field.Invalid', Message: 'The request is malformed' }],
        },
      },
    );
  });

  it('[ROB-1] answers an unexpected error with a generic 500 that reveals nothing, and flags it for logging', () => {
    const rendered = renderError(
      new TypeError('connection to 10.1.2.3 refused at Pool.connect'),
      oauthErrorFormat,
      context,
    );
    expect(rendered.unexpected).toBe(true);
    expect(rendered.problem.status).toBe(500);
    expect(JSON.stringify(rendered.problem.body)).not.toMatch(/10\.1\.2\.3|Pool|TypeError/);
  });

  it('does not trust a statusCode outside 4xx/5xx', () => {
    expect(renderError({ statusCode: 302 }, oauthErrorFormat, context).problem.status).toBe(500);
  });
});

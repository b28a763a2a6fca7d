// The hand-written envelope check must accept exactly what EventEnvelopeSchema (the documented
// contract, checked by class-validator) accepts: a differential test over generated envelopes,
// most of them one field away from valid.
import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import fc from 'fast-check';
import { EventEnvelopeSchema } from './event-envelope';
import { envelopeProblem } from './read-envelope';

const valid = {
  id: '6f1c2a5e-8f0b-4c41-9a57-2f7f2b0c9d11',
  type: 'ConsentCreated',
  schemaVersion: 1,
  streamId: 'consent-aac-1',
  streamPosition: 1,
  occurredAt: '2026-11-23T09:00:00.000Z',
  correlationId: 'corr-1',
  causationId: null,
  actor: { kind: 'tpp', id: 'tpp-1' },
  data: { consentId: 'aac-1' },
};

const schemaAccepts = (raw: object) =>
  validateSync(plainToInstance(EventEnvelopeSchema, raw), { forbidUnknownValues: true }).length === 0;

const oddValue = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.constant(''),
  fc.constant('x'.repeat(201)),
  fc.constant('😀'.repeat(200)),
  fc.constant('not-a-uuid'),
  fc.constant('2026-02-30T09:00:00Z'),
  fc.constant('2026-11-23'),
  fc.constant('ConsentCreated'),
  fc.constant('consent aac 1'),
  fc.constant({ kind: 'psu', id: 'p' }),
  fc.constant({ kind: 'robot', id: 'p' }),
  fc.constant({ kind: 'tpp' }),
  fc.constant([]),
  fc.constant({}),
  fc.uuid(),
  fc.integer({ min: -2, max: 1002 }),
  fc.double(),
  fc.string(),
  fc.boolean(),
);

describe('the envelope check', () => {
  it('accepts the valid envelope', () => {
    expect(envelopeProblem(valid)).toBeUndefined();
    expect(schemaAccepts(valid)).toBe(true);
  });

  it('agrees with EventEnvelopeSchema on envelopes with one or more fields changed', () => {
    const field = fc.constantFrom(...Object.keys(valid), 'extra');
    fc.assert(
      fc.property(fc.array(fc.tuple(field, oddValue), { minLength: 1, maxLength: 3 }), (changes) => {
        const raw: Record<string, unknown> = { ...valid };
        for (const [name, value] of changes) {
          if (value === undefined) delete raw[name];
          else raw[name] = value;
        }
        // An array of valid actors passes ValidateNested; the hand-written check is stricter there.
        fc.pre(!Array.isArray(raw['actor']));
        expect(envelopeProblem(raw) === undefined).toBe(schemaAccepts(raw));
      }),
      { numRuns: 3000 },
    );
  });

  it('accepts every stream id a payload identifier can name (consent ids carry "~")', () => {
    const streamId = 'consent-pdc-8r-dg81EqF1H2~L7ib8fMQ';
    expect(envelopeProblem({ ...valid, streamId })).toBeUndefined();
    expect(schemaAccepts({ ...valid, streamId })).toBe(true);
    expect(envelopeProblem({ ...valid, streamId: 'consent pdc' })).toMatch(/streamId/);
  });

  it('names the field that is wrong', () => {
    expect(envelopeProblem({ ...valid, streamPosition: 0 })).toMatch(/streamPosition/);
    expect(envelopeProblem({ ...valid, actor: { kind: 'robot', id: 'x' } })).toMatch(/actor\.kind/);
    expect(envelopeProblem({ ...valid, actor: [valid.actor] })).toMatch(/actor must be an object/);
  });
});

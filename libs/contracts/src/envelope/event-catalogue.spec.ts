import { ALL_TOPICS, grantlineCatalogue, EventRejected, type EventEnvelope } from '../index';

const consentCreated = (data: object = {}): EventEnvelope => ({
  id: '6f1c2a5e-8f0b-4c41-9a57-2f7f2b0c9d11',
  type: 'ConsentCreated',
  schemaVersion: 1,
  streamId: 'consent-aac-1',
  streamPosition: 1,
  occurredAt: '2026-11-23T09:00:00.000Z',
  correlationId: 'corr-1',
  causationId: null,
  actor: { kind: 'tpp', id: 'tpp-1' },
  data: {
    consentId: 'aac-1',
    clientId: 'tpp-1',
    consentType: 'account-access',
    permissions: ['ReadAccountsBasic'],
    ...data,
  },
});

function rejection(message: unknown): EventRejected {
  try {
    grantlineCatalogue.parse(message);
  } catch (error) {
    if (error instanceof EventRejected) return error;
    throw error;
  }
  throw new Error('expected the catalogue to reject the message');
}

describe('event catalogue', () => {
  it('parses a valid envelope from JSON text and from bytes', () => {
    const text = JSON.stringify(consentCreated());
    expect(grantlineCatalogue.parse(text).data).toMatchObject({ consentId: 'aac-1' });
    expect(grantlineCatalogue.parse(Buffer.from(text)).type).toBe('ConsentCreated');
  });

  it('routes every event type to one of the context topics', () => {
    for (const definition of grantlineCatalogue.definitions) {
      expect(ALL_TOPICS).toContain(grantlineCatalogue.topicOf(definition.type));
    }
    expect(grantlineCatalogue.topicOf('GrantRevoked')).toBe('grantline.grant.v1');
  });

  it('rejects what is not JSON, not an object, or not an envelope', () => {
    expect(rejection('{"id":').reason).toBe('malformed-envelope');
    expect(rejection('[]').reason).toBe('malformed-envelope');
    expect(rejection({ ...consentCreated(), id: 'not-a-uuid' }).reason).toBe('malformed-envelope');
    expect(rejection({ ...consentCreated(), streamPosition: 0 }).reason).toBe('malformed-envelope');
    expect(rejection({ ...consentCreated(), actor: { kind: 'robot', id: 'x' } }).reason).toBe(
      'malformed-envelope',
    );
  });

  it('rejects an unknown type or an unknown version of a known type', () => {
    expect(rejection({ ...consentCreated(), type: 'ConsentTeleported' }).reason).toBe('unknown-event-type');
    expect(rejection({ ...consentCreated(), schemaVersion: 9 }).reason).toBe('unknown-event-type');
  });

  it('rejects a payload that breaks its schema, including fields the schema does not know', () => {
    expect(rejection(consentCreated({ consentType: 'crypto-swap' })).reason).toBe('invalid-payload');
    expect(rejection(consentCreated({ clientId: 'has spaces' })).reason).toBe('invalid-payload');
    const smuggled = rejection(consentCreated({ accessToken: 'eyJ...' }));
    expect(smuggled.reason).toBe('invalid-payload');
    expect(smuggled.message).not.toContain('eyJ');
  });

  it('checks payloads before they are appended', () => {
    expect(() =>
      grantlineCatalogue.checkPayload('GrantRevoked', 1, {
        grantId: 'g-1',
        clientId: 'tpp-1',
        revokedBy: 'psu',
        reason: 'PSU revoked the grant',
      }),
    ).not.toThrow();
    expect(() => grantlineCatalogue.checkPayload('GrantRevoked', 1, { grantId: 'g-1' })).toThrow(
      EventRejected,
    );
  });
});

// AUD-2: every field of every event type in libs/contracts has a masking decision, and each rule
// keeps nothing sensitive. A new event or field fails here until its decision is added.
import { EventEnvelopeSchema, grantlineCatalogue, type EventEnvelope } from '@grantline/contracts';
import { MacKey } from '@grantline/crypto';
import { ENVELOPE_POLICY, EVENT_POLICIES, OPEN_POLICIES, type ObjectPolicy } from './masking-policy';
import { MASKING_RULES } from './masking-rules';
import { Masker } from './masker';
import { schemaFields } from './schema-fields';

const POLICY_FILE = 'apps/audit/src/masking/masking-policy.ts';
const RULES = MASKING_RULES.join(' | ');

/** Every field without a decision, as an instruction to whoever added it. */
function missingDecisions(
  schema: new () => object,
  policy: ObjectPolicy | undefined,
  where: string,
): string[] {
  const missing: string[] = [];
  for (const field of schemaFields(schema)) {
    const decision = policy?.[field.name];
    const path = `${where}.${field.name}`;
    if (decision === undefined) {
      missing.push(
        `${path} has no masking decision: add \`${field.name}: '<rule>'\` under ${where} in ${POLICY_FILE} (rules: ${RULES}; credentials → fingerprint, account numbers → last4, names/addresses/free text → redact, IPs → truncate-ip, PSU subjects → pseudonym, ids/enums/timestamps → keep)`,
      );
    } else if (field.nested && typeof decision === 'object' && !OPEN_POLICIES.has(decision)) {
      missing.push(...missingDecisions(field.nested, decision, path));
    }
  }
  return missing;
}

function staleDecisions(schema: new () => object, policy: ObjectPolicy, where: string): string[] {
  const fields = new Set(schemaFields(schema).map((field) => field.name));
  return Object.keys(policy)
    .filter((name) => !fields.has(name))
    .map((name) => `${where}.${name} is in ${POLICY_FILE} but the schema has no such field`);
}

describe('the audit masking policy', () => {
  it('[AUD-2] has a decision for every field of every event type in the catalogue', () => {
    const missing: string[] = [];
    for (const definition of grantlineCatalogue.definitions) {
      const policy = EVENT_POLICIES[definition.type];
      if (!policy) {
        missing.push(
          `event type ${definition.type} has no masking policy: add \`${definition.type}: { <field>: '<rule>', … }\` to EVENT_POLICIES in ${POLICY_FILE}, one decision per field of ${definition.schema.name} (rules: ${RULES})`,
        );
        continue;
      }
      missing.push(...missingDecisions(definition.schema, policy, `EVENT_POLICIES.${definition.type}`));
    }
    missing.push(
      ...missingDecisions(EventEnvelopeSchema, ENVELOPE_POLICY, 'ENVELOPE_POLICY').filter(
        (m) => !m.includes('.data '),
      ),
    );
    expect(missing).toEqual([]);
  });

  it('names no field that the contracts do not define', () => {
    const stale = grantlineCatalogue.definitions.flatMap((definition) =>
      EVENT_POLICIES[definition.type]
        ? staleDecisions(definition.schema, EVENT_POLICIES[definition.type], definition.type)
        : [],
    );
    const types = new Set(grantlineCatalogue.definitions.map((definition) => definition.type));
    stale.push(
      ...Object.keys(EVENT_POLICIES)
        .filter((type) => !types.has(type))
        .map((type) => `${type} is not in the catalogue`),
    );
    expect(stale).toEqual([]);
  });
});

describe('masking an event', () => {
  const key = new MacKey(Buffer.alloc(32, 1));
  const masker = new Masker(key);
  const envelope = (
    type: string,
    data: object,
    actor = { kind: 'psu' as const, id: 'psu-alice' },
  ): EventEnvelope => ({
    id: '6f1c2a5e-8f0b-4c41-9a57-2f7f2b0c9d11',
    type,
    schemaVersion: 1,
    streamId: 'stream-1',
    streamPosition: 1,
    occurredAt: '2026-11-23T09:00:00.000Z',
    correlationId: 'corr-1',
    causationId: null,
    actor,
    data,
  });

  it('[AUD-2] fingerprints credentials, keeps last 4 of accounts, redacts names, pseudonymises subjects', () => {
    const masked = masker.maskEvent(
      envelope('ConsentCreated', {
        consentId: 'aac-1',
        clientId: 'tpp-1',
        consentType: 'domestic-payment',
        creditorAccountIdentification: 'GB29NWBK60161331926819',
        creditorName: 'Jane Creditor',
        instructedAmount: { amount: '10.00', currency: 'GBP' },
      }),
    );
    const text = JSON.stringify(masked);
    expect(text).not.toContain('GB29NWBK60161331926819');
    expect(text).not.toContain('Jane Creditor');
    expect(text).not.toContain('psu-alice');
    expect(masked['data']).toMatchObject({
      consentId: 'aac-1',
      creditorAccountIdentification: '********6819',
      creditorName: '[redacted]',
      instructedAmount: { amount: '10.00', currency: 'GBP' },
    });
    expect(masked['actor']).toEqual({ kind: 'psu', id: masker.subjectPseudonym('psu-alice') });
    const code = masker.maskEvent(
      envelope('CodeRedeemed', { codeId: 'c0de-secret', clientId: 'tpp-1', grantId: 'g-1' }),
    );
    expect(JSON.stringify(code)).not.toContain('c0de-secret');
    expect((code['data'] as Record<string, string>)['codeId']).toMatch(/^sha256:[A-Za-z0-9_-]{22}$/);
  });

  it('[AUD-2] masks unknown fields and unknown event types by default, never storing them raw', () => {
    const masked = masker.maskEvent(
      envelope('GrantRevoked', {
        grantId: 'g-1',
        clientId: 'tpp-1',
        revokedBy: 'psu',
        reason: 'x',
        password: 'hunter2',
      }),
    );
    expect(JSON.stringify(masked)).not.toContain('hunter2');
    const unknown = masker.maskEvent(
      envelope('SomethingNew', { iban: 'DE89370400440532013000', nested: { name: 'Bob' } }),
    );
    expect(JSON.stringify(unknown)).not.toMatch(/DE89370400440532013000|Bob/);
  });

  it('[AUD-2] keeps tpp and system actors, and is keyed (another key, other pseudonyms)', () => {
    const tpp = masker.maskEvent(
      envelope(
        'ConsentExpired',
        { consentId: 'a', clientId: 'b', expiredAt: '2026-11-23T09:00:00.000Z' },
        { kind: 'tpp' as never, id: 'tpp-1' },
      ),
    );
    expect(tpp['actor']).toEqual({ kind: 'tpp', id: 'tpp-1' });
    expect(new Masker(new MacKey(Buffer.alloc(32, 2))).subjectPseudonym('psu-alice')).not.toBe(
      masker.subjectPseudonym('psu-alice'),
    );
  });
});

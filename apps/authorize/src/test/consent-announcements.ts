// What the consent service announces, as authorize's tests need it: a ConsentCreated appended to
// the harness's own event store, which its read models consume like any other event.
import { randomId } from '@grantline/crypto';
import type { ConsentCreatedV1 } from '@grantline/contracts';
import { eventually } from '@grantline/testing';
import { ConsentIntents } from '../read-models/consent-intents';
import type { AuthorizeHarness } from './authorize-harness';

/** A fresh consent id of the given kind's prefix. */
export const newConsentId = (prefix: 'aac' | 'pdc') =>
  `${prefix}-${randomId(16).replace(/[^A-Za-z0-9]/g, 'x')}`;

/** Appends ConsentCreated for `consent`; `known` waits until the consent page's read model holds it. */
export async function announceConsent(
  authorize: AuthorizeHarness,
  consent: ConsentCreatedV1,
  { known = true }: { known?: boolean } = {},
): Promise<string> {
  await authorize.events.append(
    `consent-${consent.consentId}`,
    'no-stream',
    [{ type: 'ConsentCreated', data: consent }],
    { correlationId: 'test', actor: { kind: 'tpp', id: consent.clientId } },
  );
  if (known) {
    await eventually(
      async () => expect(await authorize.app.get(ConsentIntents).find(consent.consentId)).toBeDefined(),
      { timeoutMs: 20_000 },
    );
  }
  return consent.consentId;
}

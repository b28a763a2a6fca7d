// The Open Banking API: account-access consents (CON-1, CON-4), payment consents and payments
// (CON-2, CON-3, CON-5) and the resource reads behind the DPoP-bound token (DPOP-1). Each input is a
// good request with one change: the JSON body, a header (Authorization, DPoP, x-*), the detached
// x-jws-signature, or the path.
import fc from 'fast-check';
import { randomId, signDetachedJws } from '@grantline/crypto';
import { OPEN_BANKING } from '../distributed/open-banking-tpp';
import { type JsonBodyEdit, editedJsonBody, jsonBodyEdit } from './body-mutation';
import { PAYMENT_INITIATION, PAYMENT_RISK, type FuzzWorld } from './fuzz-world';
import { type HeaderEdit, headerEdit } from './header-mutation';
import { type JwtMutation, editedJson, jwtMutation } from './jwt-mutation';
import { headerSafe, oddString, percentEncoded } from './junk';
import { type FuzzTarget, withHeaderEdit } from './target';

const OB_HEADERS = [
  'x-fapi-interaction-id',
  'x-idempotency-key',
  'x-jws-signature',
  'x-fapi-auth-date',
  'x-fapi-customer-ip-address',
  'authorization',
  'dpop',
];
const JWS_HEADER_NAMES = [
  'alg',
  'kid',
  'typ',
  'cty',
  'crit',
  'b64',
  'http://openbanking.org.uk/iat',
  'http://openbanking.org.uk/iss',
  'http://openbanking.org.uk/tan',
];

/** Values an OB field might plausibly hold, and the near misses around them. */
const domainValues = fc.oneof(
  fc.constantFrom(
    '0',
    '0.00',
    '-1.00',
    '1.123456',
    '99999999999999.99',
    '1e3',
    ' 1.00',
    'GBP',
    'gbp',
    'XXXX',
    '€',
  ),
  fc.constantFrom(
    'ReadAccountsBasic',
    'ReadBalances',
    'ReadTransactionsDetail',
    'Unknown',
    'readaccountsbasic',
  ),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom(
    '2026-02-30T00:00:00Z',
    '2026-13-01',
    'tomorrow',
    '0000-00-00T00:00:00Z',
    '+275760-09-13T00:00:00Z',
  ),
  fc.array(oddString, { maxLength: 5 }),
  fc.constantFrom([], {}, [null], [{}]),
);

type BodyInput =
  | { part: 'body'; edit: JsonBodyEdit }
  | { part: 'header'; edit: HeaderEdit }
  | { part: 'signature'; mutation: JwtMutation | 'attached' | 'junk' }
  | { part: 'keep' };

function bodyInput(signed: boolean): fc.Arbitrary<BodyInput> {
  const parts: Array<fc.WeightedArbitrary<BodyInput>> = [
    { weight: 5, arbitrary: jsonBodyEdit(domainValues).map((edit) => ({ part: 'body' as const, edit })) },
    { weight: 3, arbitrary: headerEdit(OB_HEADERS).map((edit) => ({ part: 'header' as const, edit })) },
  ];
  if (signed) {
    parts.push({
      weight: 2,
      arbitrary: fc
        .oneof<fc.Arbitrary<JwtMutation | 'attached' | 'junk'>[]>(
          jwtMutation(JWS_HEADER_NAMES, ['x']),
          fc.constantFrom('attached' as const, 'junk' as const),
        )
        .map((mutation) => ({ part: 'signature' as const, mutation })),
    });
  }
  return fc.oneof(...parts);
}

/** x-jws-signature over `body`: good, or with its protected header or signature mutated. */
async function jwsSignature(world: FuzzWorld, body: string, input: BodyInput): Promise<string> {
  const good = await signDetachedJws(world.tpp.signingKey, body, {
    issuer: world.tpp.clientId,
    clock: Date.now,
  });
  if (input.part !== 'signature') return good;
  const [protectedHeader, , signature] = good.split('.');
  if (input.mutation === 'junk') return headerSafe('eyJhbGciOiJub25lIn0..');
  const b64 = (text: string | Uint8Array) => Buffer.from(text).toString('base64url');
  if (input.mutation === 'attached') return `${protectedHeader}.${b64(body)}.${signature}`;
  const header = JSON.parse(Buffer.from(protectedHeader, 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
  const edited = b64(editedJson(header, input.mutation.header));
  const resigned = b64(await world.tpp.signingKey.sign(Buffer.from(`${edited}.${b64(body)}`, 'ascii')));
  const sig =
    input.mutation.signature === 'valid'
      ? resigned
      : input.mutation.signature === 'empty'
        ? ''
        : `${resigned.slice(0, -2)}AA`;
  return input.mutation.segments === 'keep' ? `${edited}..${sig}` : `${edited}.${sig}`;
}

async function obPost(
  world: FuzzWorld,
  path: string,
  token: string,
  document: unknown,
  input: BodyInput,
  signed: boolean,
) {
  const url = `${world.origin}${path}`;
  const body = editedJsonBody(document, input.part === 'body' ? input.edit : { kind: 'keep' });
  const headers: Array<[string, string]> = [
    ['authorization', `DPoP ${token}`],
    ['dpop', await world.dpopProof('POST', url, token)],
    ['content-type', 'application/json'],
    ['x-idempotency-key', `fuzz-${randomId(16)}`],
    ['x-fapi-interaction-id', '93bac548-d2de-4546-b106-880a5018460d'],
  ];
  if (signed) headers.push(['x-jws-signature', await jwsSignature(world, body, input)]);
  return {
    method: 'POST' as const,
    path,
    headers: await withHeaderEdit(world, headers, input.part === 'header' ? input.edit : { kind: 'keep' }, {
      method: 'POST',
      url,
      accessToken: token,
    }),
    body,
  };
}

const farFuture = () => new Date(Date.now() + 30 * 86_400_000).toISOString();

export const accountAccessConsentTarget: FuzzTarget<BodyInput> = {
  name: 'account-access-consents',
  ids: ['ROB-1', 'CON-1', 'CON-4', 'DPOP-1'],
  format: 'open-banking',
  arbitrary: bodyInput(false),
  async request(world, input) {
    const document = {
      Data: {
        Permissions: ['ReadAccountsBasic', 'ReadAccountsDetail', 'ReadBalances'],
        ExpirationDateTime: farFuture(),
        TransactionFromDateTime: '2026-01-01T00:00:00Z',
        TransactionToDateTime: farFuture(),
      },
      Risk: {},
    };
    return obPost(
      world,
      `${OPEN_BANKING}/aisp/account-access-consents`,
      await world.clientToken('accounts'),
      document,
      input,
      false,
    );
  },
};

export const paymentConsentTarget: FuzzTarget<BodyInput> = {
  name: 'domestic-payment-consents',
  ids: ['ROB-1', 'CON-2', 'CON-5', 'DPOP-1'],
  format: 'open-banking',
  arbitrary: bodyInput(true),
  async request(world, input) {
    const document = { Data: { Initiation: PAYMENT_INITIATION }, Risk: PAYMENT_RISK };
    return obPost(
      world,
      `${OPEN_BANKING}/pisp/domestic-payment-consents`,
      await world.clientToken('payments'),
      document,
      input,
      true,
    );
  },
};

export const paymentTarget: FuzzTarget<BodyInput> = {
  name: 'domestic-payments',
  ids: ['ROB-1', 'CON-3', 'CON-5', 'DPOP-1'],
  format: 'open-banking',
  arbitrary: bodyInput(true),
  async request(world, input) {
    const document = {
      Data: { ConsentId: world.consentId, Initiation: PAYMENT_INITIATION },
      Risk: PAYMENT_RISK,
    };
    return obPost(
      world,
      `${OPEN_BANKING}/pisp/domestic-payments`,
      await world.psuPaymentToken(),
      document,
      input,
      true,
    );
  },
};

const READS = [
  ['GET', '/aisp/accounts'],
  ['GET', '/aisp/accounts/{id}'],
  ['GET', '/aisp/accounts/{id}/balances'],
  ['GET', '/aisp/accounts/{id}/transactions'],
  ['GET', '/aisp/account-access-consents/{id}'],
  ['DELETE', '/aisp/account-access-consents/{id}'],
  ['GET', '/pisp/domestic-payment-consents/{id}'],
  ['GET', '/pisp/domestic-payment-consents/{id}/funds-confirmation'],
  ['GET', '/pisp/domestic-payments/{id}'],
] as const;

interface ReadInput {
  read: number;
  id: string;
  query: string;
  edit: HeaderEdit;
}

export const resourceReadTarget: FuzzTarget<ReadInput> = {
  name: 'resource-reads',
  ids: ['ROB-1', 'DPOP-1', 'CON-6'],
  format: 'open-banking',
  arbitrary: fc.record({
    read: fc.nat({ max: READS.length - 1 }),
    id: fc.oneof(
      fc.constantFrom('acc-1', 'aac-x', 'dp-0123456789', '..', '%2e%2e', '%00', '%ZZ'),
      oddString.map(percentEncoded),
    ),
    query: fc.oneof(
      fc.constant(''),
      fc.constantFrom('?fromBookingDateTime=2026-02-30', '?page=-1', '?a=%ZZ', '?a[b]=1&a=2'),
      oddString.map((q) => `?q=${percentEncoded(q)}`),
    ),
    edit: headerEdit(['authorization', 'dpop', 'x-fapi-interaction-id', 'accept']),
  }),
  async request(world, input) {
    const [method, template] = READS[input.read];
    const token = await world.clientToken(template.startsWith('/pisp') ? 'payments' : 'accounts');
    const path = `${OPEN_BANKING}${template.replace('{id}', input.id || 'x')}`;
    const url = `${world.origin}${path}`;
    const headers: Array<[string, string]> = [
      ['authorization', `DPoP ${token}`],
      ['dpop', await world.dpopProof(method, url.split('?')[0], token)],
      ['x-fapi-interaction-id', '93bac548-d2de-4546-b106-880a5018460d'],
    ];
    return {
      method,
      path: `${path}${input.query}`,
      headers: await withHeaderEdit(world, headers, input.edit, {
        method,
        url: url.split('?')[0],
        accessToken: token,
      }),
    };
  },
};

// Domestic payment orders end to end: for each payment a consent is created and authorised
// beforehand (not timed); then the timed part POSTs /pisp/domestic-payments (fresh DPoP proof,
// x-idempotency-key, x-jws-signature when required) with a few orders in flight, and counts only
// orders the demo core bank executed (status ACSC).
import type { BenchReport } from '../report';
import type { ConsentHost } from './consent-host';
import type { TppCalls } from './tpp-calls';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const initiation = (n: number) => ({
  InstructionIdentification: `bench-${n}`,
  EndToEndIdentification: `bench-e2e-${n}`,
  InstructedAmount: { Amount: '1.00', Currency: 'GBP' },
  CreditorAccount: {
    SchemeName: 'UK.OBIE.SortCodeAccountNumber',
    Identification: '20000011112222',
    Name: 'Acme Ltd',
  },
  RemittanceInformation: { Reference: `Invoice ${n}` },
});
const RISK = { PaymentContextCode: 'EcommerceGoods' };

interface Prepared {
  consentId: string;
  n: number;
  token: string;
}

async function inParallel<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

async function authorisedConsents(
  host: ConsentHost,
  calls: TppCalls,
  count: number,
  sign: boolean,
): Promise<Prepared[]> {
  const ccToken = await host.token({ scope: 'payments' });
  const prepared: Prepared[] = [];
  await inParallel(
    Array.from({ length: count }, (_, n) => n),
    8,
    async (n) => {
      const created = await calls.expect(201, 'POST', '/pisp/domestic-payment-consents', {
        token: ccToken,
        body: { Data: { Initiation: initiation(n) }, Risk: RISK },
        sign,
        idempotent: true,
      });
      const consentId: string = created.Data.ConsentId;
      // Savings holds enough for every 1.00 payment of the run; the first selected account pays.
      await host.approve([consentId], ['acc-alice-savings']);
      prepared.push({
        consentId,
        n,
        token: await host.token({
          scope: 'openid payments',
          sub: 'psu-alice',
          grant_id: `grant-${consentId}`,
          authorization_details: [{ type: 'payment_initiation', consent_id: consentId }],
        }),
      });
    },
  );
  let pending = [...prepared];
  const deadline = Date.now() + 120_000;
  while (pending.length > 0) {
    if (Date.now() > deadline) throw new Error(`${pending.length} payment consents never became AUTH`);
    const still: Prepared[] = [];
    await inParallel(pending, 8, async (item) => {
      const read = await calls.expect(200, 'GET', `/pisp/domestic-payment-consents/${item.consentId}`, {
        token: ccToken,
      });
      if (read.Data.Status !== 'AUTH') still.push(item);
    });
    pending = still;
    if (pending.length > 0) await sleep(100);
  }
  return prepared;
}

export async function measurePayments(
  report: BenchReport,
  host: ConsentHost,
  calls: TppCalls,
  options: { count: number; concurrency: number; sign: boolean },
): Promise<number> {
  const prepared = await authorisedConsents(host, calls, options.count, options.sign);
  report.note(`${prepared.length} payment consents AUTH; paying with ${options.concurrency} in flight`);
  let executed = 0;
  let refused = 0;
  const started = performance.now();
  await inParallel(prepared, options.concurrency, async ({ consentId, n, token }) => {
    const response = await calls.send('POST', '/pisp/domestic-payments', {
      token,
      body: { Data: { ConsentId: consentId, Initiation: initiation(n) }, Risk: RISK },
      sign: options.sign,
      idempotent: true,
    });
    const status =
      response.status === 201
        ? (JSON.parse(response.body) as { Data: { Status: string } }).Data.Status
        : undefined;
    if (status === 'ACSC' || status === 'AcceptedSettlementCompleted') executed++;
    else if (refused++ === 0) report.note(`a payment was not executed: ${response.status} ${response.body}`);
  });
  const seconds = (performance.now() - started) / 1000;
  report.note(`${executed} payments executed (${refused} not) in ${seconds.toFixed(2)} s`);
  return executed / seconds;
}

// What the demo prints: numbered steps in plain words, details under them, small tables. It says
// what happened to a credential (received, DPoP-bound, expires in…), never its value; as a second
// line of defence every line is scrubbed of anything shaped like a JWT before it is written.

/** Three base64url segments, the first a JOSE header (`eyJ` = `{"`): a JWT, JWS or DPoP proof. */
const JWT_SHAPED = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*/g;

export function scrubbed(text: string): string {
  return text.replace(JWT_SHAPED, '[withheld]');
}

/** What a TPP may say about a token response without showing a token. */
export interface TokenFacts {
  tokenType: string;
  expiresIn?: number;
  scope?: string;
  grantId?: string;
  refreshToken: boolean;
  idToken: boolean;
  /** `cnf.jkt` of the access token: the DPoP key it is bound to. */
  boundToDpopKey: boolean;
}

export function describeToken(facts: TokenFacts): string {
  const binding =
    facts.tokenType.toLowerCase() === 'dpop' && facts.boundToDpopKey
      ? 'DPoP-bound'
      : `${facts.tokenType} token`;
  const parts = [
    binding,
    facts.expiresIn === undefined ? 'no expiry given' : `expires in ${facts.expiresIn} s`,
    ...(facts.scope ? [`scope "${facts.scope}"`] : []),
    ...(facts.grantId ? [`grant_id ${facts.grantId}`] : []),
    ...(facts.refreshToken ? ['with a refresh token'] : []),
    ...(facts.idToken ? ['with an ID token'] : []),
  ];
  return `access token received: ${parts.join(', ')}`;
}

/** A plain-text table: a header row, a rule, left-aligned columns. */
export function formatTable(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string[] {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (cell ?? '').padEnd(widths[column]))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)];
}

/** ISO 20022 payment statuses OB v4 uses, in words. */
const PAYMENT_STATUSES: Readonly<Record<string, string>> = {
  RCVD: 'received',
  PDNG: 'pending',
  ACTC: 'technical validation accepted',
  ACCP: 'customer profile accepted',
  ACSP: 'settlement in process',
  ACSC: 'settlement completed on the debtor account',
  ACCC: 'settlement completed on the creditor account',
  ACWC: 'accepted with change',
  RJCT: 'rejected',
};

export function paymentStatusInWords(status: string): string {
  const words = PAYMENT_STATUSES[status];
  return words ? `${status} (${words})` : status;
}

/** An amount as a person reads it: "GBP 12.34", debits with a minus. */
export function money(amount: { Amount?: unknown; Currency?: unknown } | undefined, debit = false): string {
  if (!amount) return '';
  return `${String(amount.Currency ?? '')} ${debit ? '-' : ''}${String(amount.Amount ?? '')}`.trim();
}

export class Narration {
  private steps = 0;

  constructor(private readonly write: (text: string) => void) {}

  /** A numbered step: what the TPP is doing now. */
  step(text: string): void {
    this.steps += 1;
    this.write(scrubbed(`\n${this.steps}. ${text}\n`));
  }

  /** What came of it. */
  detail(text: string): void {
    this.write(scrubbed(`   ${text}\n`));
  }

  table(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): void {
    for (const line of formatTable(headers, rows)) this.detail(`  ${line}`);
  }
}

// The consents the authorize service must know about (CON-6 at PAR, the consent page's payment and
// permissions): a projection of the consent service's events, kept in this service's own schema.
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { NamedAccount } from '@grantline/core-bank';

export type ConsentStatus = 'AWAU' | 'AUTH' | 'RJCT' | 'REVOKED' | 'EXPD';

export interface ConsentIntent {
  consentId: string;
  clientId: string;
  consentType: 'account-access' | 'domestic-payment';
  status: ConsentStatus;
  permissions: string[];
  expirationDateTime?: string;
  instructedAmount?: { amount: string; currency: string };
  creditorName?: string;
  creditorAccountIdentification?: string;
  /** The account a payment must be made from, when the TPP named one (OB DebtorAccount). */
  debtorAccount?: NamedAccount;
}

interface ConsentRow {
  consent_id: string;
  client_id: string;
  consent_type: ConsentIntent['consentType'];
  status: ConsentStatus;
  details: Omit<ConsentIntent, 'consentId' | 'clientId' | 'consentType' | 'status'>;
}

@Injectable()
export class ConsentIntents {
  constructor(private readonly dataSource: DataSource) {}

  async find(consentId: string): Promise<ConsentIntent | undefined> {
    const rows: ConsentRow[] = await this.dataSource.query(
      'SELECT consent_id, client_id, consent_type, status, details FROM consent_intents WHERE consent_id = $1',
      [consentId],
    );
    const [row] = rows;
    return (
      row && {
        ...row.details,
        consentId: row.consent_id,
        clientId: row.client_id,
        consentType: row.consent_type,
        status: row.status,
      }
    );
  }

  /** The known ones of these consents, by id. */
  async findEach(consentIds: readonly string[]): Promise<Map<string, ConsentIntent>> {
    const consents = new Map<string, ConsentIntent>();
    for (const consentId of consentIds) {
      const consent = await this.find(consentId);
      if (consent) consents.set(consentId, consent);
    }
    return consents;
  }

  /**
   * `find`, looking again with growing pauses for up to `waitMs` while the consent is unknown: the
   * consent service may have answered 201 before its ConsentCreated event reached this projection.
   */
  async findAllowingPropagation(consentId: string, waitMs: number): Promise<ConsentIntent | undefined> {
    const deadline = Date.now() + waitMs;
    let pauseMs = 10;
    for (;;) {
      const consent = await this.find(consentId);
      const remaining = deadline - Date.now();
      if (consent || remaining <= 0) return consent;
      await new Promise((resolve) => setTimeout(resolve, Math.min(pauseMs, remaining)));
      pauseMs = Math.min(pauseMs * 2, 250);
    }
  }

  async created(transaction: EntityManager, intent: ConsentIntent): Promise<void> {
    const { consentId, clientId, consentType, status, ...details } = intent;
    await transaction.query(
      `INSERT INTO consent_intents (consent_id, client_id, consent_type, status, details)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (consent_id) DO NOTHING`,
      [consentId, clientId, consentType, status, JSON.stringify(details)],
    );
  }

  async statusChanged(transaction: EntityManager, consentId: string, status: ConsentStatus): Promise<void> {
    await transaction.query('UPDATE consent_intents SET status = $2 WHERE consent_id = $1', [
      consentId,
      status,
    ]);
  }
}

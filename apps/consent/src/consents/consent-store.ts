// Loads consents from their event streams and runs commands on them. A command on one consent
// holds a transaction-scoped advisory lock, so concurrent commands (20 payment orders racing for
// one consent) are decided one after another on fresh state, and the append's expected version
// still guards against any writer that does not take the lock.
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { EventMetadata } from '@grantline/contracts';
import { EventStore, PreparedStatement, stateFrom, type StoredEvent } from '@grantline/event-store';
import { PostgresDenylist } from '@grantline/platform';
import { AuthorisedConsentCache } from './authorised-consent-cache';
import {
  consentDecider,
  isPastExpiry,
  type Consent,
  type ConsentCommand,
  type ConsentEvent,
} from './domain/consent.decider';
import { ConsentRefused } from './domain/consent.errors';

export interface LoadedConsent {
  consent: Consent;
  createdAt: Date;
  statusUpdatedAt: Date;
  /** The OB Data and Risk the TPP sent (or the RAR detail it was created from). */
  document: { Data: Record<string, unknown>; Risk: Record<string, unknown> };
}

export const consentStream = (consentId: string) => `consent-${consentId}`;

const FIND_DOCUMENT = new PreparedStatement<{ document: LoadedConsent['document'] }>(
  'consent_find_document',
  'SELECT document FROM consent_documents WHERE consent_id = $1',
);

@Injectable()
export class ConsentStore {
  private readonly authorised = new AuthorisedConsentCache<Consent>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventStore,
  ) {}

  /**
   * The consent's state from its stream alone, without the OB document: all an account request
   * or a reaction to the PSU's decision needs, so the resource hot path reads one row set, not two.
   */
  async state(consentId: string, transaction?: EntityManager): Promise<Consent | undefined> {
    const { events } = await this.events.readStream(consentStream(consentId), { transaction });
    return stateFrom(consentDecider, events as unknown as ConsentEvent[]);
  }

  /**
   * state() for account requests: an AUTH account-access consent comes from this replica's cache
   * (AuthorisedConsentCache says why that is sound). Callers still check its expiry by time.
   */
  async stateForAccountRequest(consentId: string): Promise<Consent | undefined> {
    const cached = this.authorised.get(consentId);
    if (cached) return cached;
    const state = await this.state(consentId);
    if (state) this.authorised.remember(state);
    return state;
  }

  async load(consentId: string): Promise<LoadedConsent | undefined> {
    const { events } = await this.events.readStream(consentStream(consentId));
    if (events.length === 0) return undefined;
    const [row] = await FIND_DOCUMENT.rows(this.dataSource, [consentId]);
    return loaded(events, row?.document ?? { Data: {}, Risk: {} });
  }

  /** Creates a consent with its document and expiry, inside the caller's transaction. */
  async create(
    transaction: EntityManager,
    created: Extract<ConsentCommand, { kind: 'create' }>,
    document: LoadedConsent['document'],
    expiresAt: string | undefined,
    metadata: EventMetadata,
  ): Promise<void> {
    const { consentId, clientId, consentType } = created.consent;
    const decided = consentDecider.decide(created, undefined);
    await transaction.query(
      'INSERT INTO consent_documents (consent_id, client_id, kind, document) VALUES ($1, $2, $3, $4)',
      [consentId, clientId, consentType, JSON.stringify(document)],
    );
    if (expiresAt) {
      await transaction.query('INSERT INTO consent_expiries (consent_id, expires_at) VALUES ($1, $2)', [
        consentId,
        expiresAt,
      ]);
    }
    await this.events.append(consentStream(consentId), 'no-stream', decided, metadata, { transaction });
  }

  /** Decides `command` on the consent in `transaction` (or a new one) and appends what it caused. */
  async decide(
    consentId: string,
    command: ConsentCommand,
    metadata: EventMetadata,
    transaction?: EntityManager,
  ): Promise<Consent> {
    const work = async (manager: EntityManager): Promise<Consent> => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [consentStream(consentId)]);
      const { version, events } = await this.events.readStream(consentStream(consentId), {
        transaction: manager,
      });
      const state = stateFrom(consentDecider, events as unknown as ConsentEvent[]);
      const decided = consentDecider.decide(command, state);
      await this.events.append(
        consentStream(consentId),
        version === 0 ? 'no-stream' : version,
        decided,
        metadata,
        {
          transaction: manager,
        },
      );
      if (decided.some((event) => event.type !== 'ConsentCreated' && event.type !== 'ConsentAuthorised')) {
        await manager.query('DELETE FROM consent_expiries WHERE consent_id = $1', [consentId]);
      }
      // Every replica's guard refuses the consent's tokens once this commits, without waiting for
      // the event to come back from the backbone (CON-1: account data stops at once).
      if (decided.some((event) => event.type === 'ConsentRevoked')) {
        await PostgresDenylist.add(manager, 'consent', consentId);
      }
      const next = decided.reduce(consentDecider.evolve, state);
      if (!next) throw new ConsentRefused('Consent was not found', 'UK.OBIE.Resource.NotFound', 404);
      return next;
    };
    try {
      return await (transaction ? work(transaction) : this.dataSource.transaction(work));
    } finally {
      this.authorised.forget(consentId);
    }
  }

  /** Expires the consent now if its time has passed (a read must never show a stale AUTH). */
  async expireIfDue(loadedConsent: LoadedConsent, now = new Date()): Promise<LoadedConsent> {
    if (!(await this.expiredNow(loadedConsent.consent, now))) return loadedConsent;
    return (await this.load(loadedConsent.consent.consentId)) ?? loadedConsent;
  }

  /** expireIfDue for a state read without its document. */
  async stateExpiredIfDue(consent: Consent, now = new Date()): Promise<Consent> {
    if (!(await this.expiredNow(consent, now))) return consent;
    return (await this.state(consent.consentId)) ?? consent;
  }

  private async expiredNow(consent: Consent, now: Date): Promise<boolean> {
    if (!['AWAU', 'AUTH'].includes(consent.status) || !isPastExpiry(consent, now)) return false;
    try {
      await this.decide(consent.consentId, { kind: 'expire', now }, systemMetadata(consent.consentId));
    } catch (error) {
      if (!(error instanceof ConsentRefused)) throw error;
    }
    return true;
  }

  /** Consents whose ExpirationDateTime has passed and that are not yet closed. */
  async due(now: Date, limit = 200): Promise<string[]> {
    const rows: Array<{ consent_id: string }> = await this.dataSource.query(
      'SELECT consent_id FROM consent_expiries WHERE expires_at <= $1 ORDER BY expires_at LIMIT $2',
      [now.toISOString(), limit],
    );
    return rows.map((row) => row.consent_id);
  }
}

export function systemMetadata(consentId: string): EventMetadata {
  return { correlationId: `expiry-${consentId}`, actor: { kind: 'system', id: 'consent-expiry' } };
}

function loaded(
  events: readonly StoredEvent[],
  document: LoadedConsent['document'],
): LoadedConsent | undefined {
  const consent = stateFrom(consentDecider, events as unknown as ConsentEvent[]);
  if (!consent) return undefined;
  return {
    consent,
    createdAt: new Date(events[0].recordedAt),
    statusUpdatedAt: new Date(events[events.length - 1].recordedAt),
    document,
  };
}

// Runs commands on one grant's stream inside a transaction (the consumer's, or a new one for the
// API) and keeps the read model in step. A transaction-scoped advisory lock per grant decides
// concurrent commands (a DELETE racing a consent revocation) one after the other on fresh state;
// the append's expected version still guards against a writer that does not take it.
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { EventMetadata } from '@grantline/contracts';
import { EventStore, stateFrom } from '@grantline/event-store';
import { grantDecider, type GrantCommand, type GrantEvent, type GrantState } from './domain/grant.decider';
import { GrantViews } from './grant-views';

export const grantStream = (grantId: string) => `grant-${grantId}`;

export interface GrantDecision {
  events: GrantEvent[];
  state: GrantState;
}

@Injectable()
export class GrantStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventStore,
    private readonly views: GrantViews,
  ) {}

  /** Decides `command` on the grant and appends what it caused; a refusal (GrantRefused) is thrown. */
  async decide(
    grantId: string,
    command: GrantCommand,
    metadata: EventMetadata,
    transaction?: EntityManager,
  ): Promise<GrantDecision> {
    const work = async (manager: EntityManager): Promise<GrantDecision> => {
      const stream = grantStream(grantId);
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [stream]);
      const { version, events } = await this.events.readStream(stream, { transaction: manager });
      const state = stateFrom(grantDecider, events as unknown as GrantEvent[]);
      const decided = grantDecider.decide(command, state);
      if (decided.length === 0) return { events: [], state };
      await this.events.append(stream, version === 0 ? 'no-stream' : version, decided, metadata, {
        transaction: manager,
      });
      const next = decided.reduce(grantDecider.evolve, state);
      if (next) await this.views.save(manager, next);
      return { events: decided, state: next };
    };
    return transaction ? work(transaction) : this.dataSource.transaction(work);
  }
}

// Runs a command against one authorization's stream inside the caller's transaction, so the events
// and the tables they go with (interactions, pushed requests, read models) commit together. A
// concurrent append (a double-clicked Approve) fails on the stream version instead of issuing twice.
import type { EventMetadata } from '@grantline/contracts';
import { type EventStore, stateFrom } from '@grantline/event-store';
import type { EntityManager } from 'typeorm';
import {
  type AuthorizationCommand,
  type AuthorizationState,
  authorizationDecider,
} from './authorization.decider';

export const streamOf = (authorizationId: string) => `authorization-${authorizationId}`;

export async function decideAndAppend(
  store: EventStore,
  transaction: EntityManager,
  authorizationId: string,
  command: AuthorizationCommand,
  metadata: EventMetadata,
): Promise<AuthorizationState> {
  const streamId = streamOf(authorizationId);
  const { version, events } = await store.readStream(streamId, { transaction });
  const state = stateFrom(authorizationDecider, events);
  const decided = authorizationDecider.decide(command, state);
  if (decided.length > 0) await store.append(streamId, version, decided, metadata, { transaction });
  return decided.reduce((current, event) => authorizationDecider.evolve(current, event), state);
}

// The Postgres event store, deciders runtime, outbox relay, idempotent effects and projections.
// The only place pg is imported.
export {
  CreateEventStore1763856000000,
  eventStoreMigrations,
  OUTBOX_LANES,
} from './schema/create-event-store.migration';
export { ConcurrencyError, uniqueViolation, type ExpectedVersion } from './store/errors';
export { AlongsideInsert, type AlongsideRow } from './store/alongside-insert';
export {
  EventStore,
  GLOBAL_START,
  type AppendOptions,
  type AppendResult,
  type GlobalCheckpoint,
  type NewEvent,
  type StoredEvent,
} from './store/event-store';
export {
  given,
  handleCommand,
  stateFrom,
  type CommandOutcome,
  type Decider,
  type HandleCommandOptions,
} from './deciders/decider';
export { IdempotentEffects } from './effects/idempotent-effects';
export { Projector, type Projection } from './projections/projector';
export { ChannelListener, type ChannelListenerOptions } from './notifications/channel-listener';
export {
  OutboxRelay,
  type OutboxMessage,
  type OutboxPublisher,
  type OutboxRelayOptions,
  type RelayObserver,
} from './outbox/outbox-relay';
export { copyField, copyInto, copyText, type CopyValue } from './bulk/copy-rows';
export { queryInOneTrip } from './sql/transaction-client';
export { PreparedStatement } from './sql/prepared-statement';
export {
  BurstBatcher,
  type BatchAnswer,
  type BurstBatcherOptions,
  type SendBatch,
} from './sql/burst-batcher';

// The Postgres event store, deciders runtime, outbox and projections. The only place pg is imported. (G2)
export {};

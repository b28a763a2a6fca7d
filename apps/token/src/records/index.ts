// The token records module's surface, for the token endpoint, introspection, revocation, reactions.
export * from './token-record';
export { TokenRecords, codeWasRedeemedBefore, refreshTokenHash, type IssuedTokens } from './token-records';
export { TokenRevokedEvents, tokenStreamId } from './token-revoked-events';
export { RecordsSweep, EXPIRED_RECORD_RETENTION_MS, REDEEMED_CODE_RETENTION_MS } from './records-sweep';

// Fixtures for integration and end-to-end tests: real PostgreSQL, a real Kafka broker, headless
// Chromium, free ports and polling. Imported by test files only.
export { GiveUp, eventually, type EventuallyOptions } from './eventually';
export { freePort } from './net/free-port';
export {
  createTestDatabase,
  withDataSource,
  startTestPostgres,
  TEST_POSTGRES_URL_VARIABLE,
  type TestDatabase,
} from './postgres/test-postgres';
export { CHROMIUM_PATH, ensureChromium, launchChromium } from './browser/chromium';
export { KafkaBroker, type SecuredListener } from './kafka/kafka-broker';
export { ensureKafkaClasspath } from './kafka/kafka-classpath';
export {
  TestTpp,
  writeClientsFile,
  type Claims,
  type ParResult,
  type Pkce,
  type TestTppOptions,
} from './tpp/test-tpp';
export {
  TestCertificateAuthority,
  selfSignedClientCertificate,
  tlsServiceEnvironment,
  writePemFiles,
  type CertificateOptions,
  type SubjectAlternativeNames,
  type TestCertificate,
} from './tls/test-certificates';
export { mutualTlsFetch, type FetchLike, type MutualTlsClientOptions } from './tls/tls-client';
export { PsuBrowser, PsuJourneyFailed, pageForm, type Answer, type Psu } from './psu/psu-browser';
export {
  startDistributedGrantline,
  DISTRIBUTED_SERVICES,
  type AuditKeyMaterial,
  type DistributedGrantline,
  type DistributedOptions,
  type DistributedService,
} from './distributed/distributed-grantline';
export { ServiceProcess, awaitServiceReady, retryOnTakenPort } from './distributed/service-process';
export {
  OpenBankingTpp,
  OPEN_BANKING,
  domesticPaymentOrder,
  type PsuApproval,
  type AuthorizedTokens,
  type Reply,
} from './distributed/open-banking-tpp';
export { TestTokenIssuer, type TestAccessTokenClaims } from './resource-server/test-token-issuer';
export {
  AuditCompliance,
  type AuditRecord,
  type Checkpoint,
  type InclusionProof,
} from './distributed/audit-compliance';
export {
  canonicalJson,
  recordLeafHash,
  rootOfInclusion,
  verifyCheckpointSignature,
} from './distributed/audit-proof';
export { killProcessTree, crashAndRestartKafka, crashAndRestartPostgres } from './distributed/crash';
export {
  FUZZ_RUNTIME_ENV,
  FUZZ_TARGETS,
  FuzzClient,
  FuzzWorld,
  formatReport,
  runTarget,
  startRuntimeUnderFuzz,
  type FuzzTarget,
  type RuntimeUnderFuzz,
  type TargetReport,
} from './fuzz';

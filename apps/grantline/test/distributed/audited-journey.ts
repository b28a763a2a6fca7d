// What a compliance officer checks after a journey (AUD-1, AUD-2, AUD-3): the audit API, asked by
// consent id, returns every step in the order it happened, with no credential or personal data of
// the journey in the whole answer, and every record is in the tree the latest signed checkpoint
// commits to — recomputed here (audit-proof), not taken from the service's word.
import {
  AuditCompliance,
  eventually,
  recordLeafHash,
  rootOfInclusion,
  verifyCheckpointSignature,
  withDataSource,
  type AuditRecord,
  type Checkpoint,
  type TestTpp,
} from '@grantline/testing';
import type { DistributedCluster } from './distributed-cluster';

/** One step of a journey: an event type, or steps that run concurrently (each chain in order). */
export type JourneyStep = string | { concurrently: string[][] };

const typesOf = (steps: readonly JourneyStep[]) =>
  steps.flatMap((step) => (typeof step === 'string' ? [step] : step.concurrently.flat()));

/** How many events the steps name. */
export const eventCount = (steps: readonly JourneyStep[]): number => typesOf(steps).length;

/**
 * The records in the order their steps happened: by the producer's `occurredAt` (one clock here).
 * The log's own positions follow arrival over Kafka, which interleaves the producers' topics.
 */
export function inOrderOfOccurrence(records: readonly AuditRecord[]): AuditRecord[] {
  return [...records].sort(
    (a, b) => Date.parse(a.event.occurredAt) - Date.parse(b.event.occurredAt) || a.seq - b.seq,
  );
}

/** The types in `records` follow `steps`: sequential steps in order, concurrent chains each in order. */
export function expectSteps(records: readonly AuditRecord[], steps: readonly JourneyStep[]): void {
  const types = inOrderOfOccurrence(records).map((record) => String(record.event.type));
  expect([...types].sort()).toEqual([...typesOf(steps)].sort());
  let at = 0;
  for (const step of steps) {
    if (typeof step === 'string') {
      expect({ at, type: types[at] }).toEqual({ at, type: step });
      at++;
      continue;
    }
    const size = step.concurrently.flat().length;
    const window = types.slice(at, at + size);
    expect([...window].sort()).toEqual(step.concurrently.flat().sort());
    for (const chain of step.concurrently) {
      const positions = window
        .map((type, index) => (chain.includes(type) ? index : -1))
        .filter((i) => i >= 0);
      expect(positions.map((index) => window[index])).toEqual(chain);
    }
    at += size;
  }
}

/** Records every client assertion and DPoP proof the TPP signs, to look for them in the audit log. */
export function recordCredentials(tpp: TestTpp): Set<string> {
  const signed = new Set<string>();
  const assertion = tpp.clientAssertion.bind(tpp);
  const proof = tpp.dpopProof.bind(tpp);
  tpp.clientAssertion = async (...args: Parameters<TestTpp['clientAssertion']>) => {
    const value = await assertion(...args);
    signed.add(value);
    return value;
  };
  tpp.dpopProof = async (...args: Parameters<TestTpp['dpopProof']>) => {
    const value = await proof(...args);
    signed.add(value);
    return value;
  };
  return signed;
}

/** Every string under `keys` anywhere in `value` (account numbers, names in OB responses). */
export function stringsUnder(
  value: unknown,
  keys: readonly string[],
  found = new Set<string>(),
): Set<string> {
  if (Array.isArray(value)) for (const item of value) stringsUnder(item, keys, found);
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (keys.includes(key) && typeof item === 'string') found.add(item);
      else stringsUnder(item, keys, found);
    }
  }
  return found;
}

export class AuditedJourney {
  readonly compliance: AuditCompliance;

  constructor(private readonly cluster: DistributedCluster) {
    const { grantline } = cluster;
    this.compliance = new AuditCompliance(grantline.serviceUrls.audit, grantline.audit.complianceOfficer);
  }

  /**
   * Waits until the audit log holds every event the services recorded naming the consent (their own
   * events tables, read directly) and `count` records answer the query; returns the answer.
   */
  async recordsOf(consentId: string, count: number): Promise<{ records: AuditRecord[]; text: string }> {
    let answer: { records: AuditRecord[]; text: string } = { records: [], text: '' };
    await eventually(
      async () => {
        answer = await this.compliance.records({ consentId });
        const produced = await this.producedNaming(consentId);
        expect(answer.records.map((record) => record.event.id)).toEqual(expect.arrayContaining(produced));
        // By type, so a failure says which events are missing or extra.
        expect(answer.records.map((record) => `${record.event.type} ${record.event.streamId}`)).toHaveLength(
          count,
        );
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    return answer;
  }

  /** Ids of the events any service recorded naming the consent (consentId or consentIds). */
  async producedNaming(consentId: string): Promise<string[]> {
    return withDataSource(this.cluster.database.url, async (admin) => {
      const ids: string[] = [];
      for (const schema of ['authorize', 'token', 'consent', 'grants']) {
        const rows: Array<{ event_id: string }> = await admin.query(
          `SELECT event_id FROM "${schema}".events
           WHERE data->>'consentId' = $1 OR data->'consentIds' ? $1`,
          [consentId],
        );
        ids.push(...rows.map((row) => row.event_id));
      }
      return ids;
    });
  }

  /**
   * The latest signed checkpoint covering every record verifies with the audit public key the
   * deployment holds, and each record's recomputed leaf is in its tree by the service's proof.
   * Returns everything the proofs' answers said, for the masking scan.
   */
  async expectProvenByLatestCheckpoint(records: readonly AuditRecord[]): Promise<string> {
    const last = Math.max(...records.map((record) => record.seq));
    let checkpoint: Checkpoint | undefined;
    const texts: string[] = [];
    await eventually(
      async () => {
        const latest = await this.compliance.latestCheckpoint();
        checkpoint = latest.checkpoint;
        expect(checkpoint?.treeSize).toBeGreaterThanOrEqual(last);
        texts.push(latest.text);
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    const signed = checkpoint as Checkpoint;
    await verifyCheckpointSignature(signed, this.cluster.grantline.audit.checkpointPublicKey);
    for (const record of records) {
      const leaf = recordLeafHash(record);
      expect({ seq: record.seq, leaf }).toEqual({ seq: record.seq, leaf: record.leafHash });
      const proof = await this.compliance.proof(record.seq, signed.treeSize);
      texts.push(JSON.stringify(proof));
      expect(proof).toMatchObject({ seq: record.seq, leafHash: leaf, treeSize: signed.treeSize });
      expect(proof.checkpoint.rootHash).toBe(signed.rootHash);
      expect(rootOfInclusion(record.seq - 1, signed.treeSize, leaf, proof.inclusionProof)).toBe(
        signed.rootHash,
      );
      // The check has teeth: the same proof for an altered record leads elsewhere.
      const altered = recordLeafHash({ ...record, event: { ...record.event, type: 'Altered' } });
      expect(rootOfInclusion(record.seq - 1, signed.treeSize, altered, proof.inclusionProof)).not.toBe(
        signed.rootHash,
      );
    }
    const verified = await this.compliance.verify();
    expect(verified).toMatchObject({ ok: true });
    expect(verified.records).toBeGreaterThanOrEqual(signed.treeSize);
    return texts.join('\n');
  }
}

/** None of `secrets` (at least 6 characters each) appears anywhere in `text`. */
export function expectNoneIn(text: string, secrets: Iterable<string>): void {
  const leaked = [...secrets].filter((secret) => secret.length >= 6 && text.includes(secret));
  expect(leaked.map((secret) => `${secret.slice(0, 12)}… (${secret.length} chars)`)).toEqual([]);
}

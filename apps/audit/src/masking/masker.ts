// Applies the masking policy to an event envelope before anything is stored (AUD-2). Unknown event
// types and unknown fields fall back to fingerprints: nothing reaches the log raw by omission.
import type { EventEnvelope } from '@grantline/contracts';
import type { MacKey } from '@grantline/crypto';
import { ENVELOPE_POLICY, EVENT_POLICIES, type FieldPolicy, type ObjectPolicy } from './masking-policy';
import { applyRule, REDACTED, subjectPseudonym } from './masking-rules';

export type MaskedValue = string | number | boolean | null | MaskedValue[] | { [field: string]: MaskedValue };

export class Masker {
  constructor(private readonly key: MacKey) {}

  /**
   * The masked envelope: what the audit log stores and hashes. Every object is built with its keys
   * in sorted order, so its canonical JSON is what JSON.stringify writes (canonicalJson's fast path).
   */
  maskEvent(event: EventEnvelope): Record<string, MaskedValue> {
    const raw = event as unknown as Record<string, unknown>;
    const fields = Object.keys(raw);
    if (!Object.hasOwn(raw, 'data')) fields.push('data');
    const masked: Record<string, MaskedValue> = {};
    for (const field of fields.sort()) {
      const value = raw[field];
      if (field === 'data') {
        masked[field] = this.maskObject(value, EVENT_POLICIES[event.type] ?? {});
      } else if (value === undefined) {
        continue;
      } else if (field === 'actor' && event.actor?.kind === 'psu') {
        masked[field] = { id: subjectPseudonym(this.key, String(event.actor.id)), kind: 'psu' };
      } else {
        masked[field] = this.maskValue(
          value,
          Object.hasOwn(ENVELOPE_POLICY, field) ? ENVELOPE_POLICY[field] : 'fingerprint',
        );
      }
    }
    return masked;
  }

  /** The pseudonym a raw subject id is stored under (for lookups). */
  subjectPseudonym(subject: string): string {
    return subjectPseudonym(this.key, subject);
  }

  private maskObject(value: unknown, policy: ObjectPolicy): MaskedValue {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return this.maskValue(value, 'fingerprint');
    }
    const masked: Record<string, MaskedValue> = {};
    for (const field of Object.keys(value).sort()) {
      const fieldValue = (value as Record<string, unknown>)[field];
      if (fieldValue === undefined) continue;
      masked[field] = this.maskValue(
        fieldValue,
        Object.hasOwn(policy, field) ? policy[field] : 'fingerprint',
      );
    }
    return masked;
  }

  private maskValue(value: unknown, decision: FieldPolicy): MaskedValue {
    if (Array.isArray(value)) return value.map((element) => this.maskValue(element, decision));
    if (typeof decision === 'object') return this.maskObject(value, decision);
    if (typeof value === 'object' && value !== null) {
      // A rule meant for a scalar met a structure: keep nothing of it but the rule's intent.
      return decision === 'redact' ? REDACTED : this.maskObject(value, {});
    }
    if (value === null || value === undefined) return null;
    return applyRule(decision, value as string | number | boolean, this.key);
  }
}

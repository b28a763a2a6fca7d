// Applies the masking policy to an event envelope before anything is stored (AUD-2). Unknown event
// types and unknown fields fall back to fingerprints: nothing reaches the log raw by omission.
import type { EventEnvelope } from '@grantline/contracts';
import type { MacKey } from '@grantline/crypto';
import { ENVELOPE_POLICY, EVENT_POLICIES, type FieldPolicy, type ObjectPolicy } from './masking-policy';
import { applyRule, REDACTED, subjectPseudonym } from './masking-rules';

export type MaskedValue = string | number | boolean | null | MaskedValue[] | { [field: string]: MaskedValue };

export class Masker {
  constructor(private readonly key: MacKey) {}

  /** The masked envelope: what the audit log stores and hashes. */
  maskEvent(event: EventEnvelope): Record<string, MaskedValue> {
    const { data, ...envelope } = event as unknown as Record<string, unknown>;
    const masked = this.maskObject(envelope, ENVELOPE_POLICY) as Record<string, MaskedValue>;
    if (event.actor?.kind === 'psu') {
      masked['actor'] = { kind: 'psu', id: subjectPseudonym(this.key, String(event.actor.id)) };
    }
    masked['data'] = this.maskObject(data, EVENT_POLICIES[event.type] ?? {});
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
    for (const [field, fieldValue] of Object.entries(value)) {
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

// Kafka topics per bounded context: grantline.<context>.v1. The version is the topic's contract;
// a breaking change to a context's events opens a new topic beside the old one.
export const BOUNDED_CONTEXTS = ['authorization', 'token', 'consent', 'grant', 'audit'] as const;
export type BoundedContext = (typeof BOUNDED_CONTEXTS)[number];

export function topicFor(context: BoundedContext): string {
  return `grantline.${context}.v1`;
}

export const ALL_TOPICS: readonly string[] = BOUNDED_CONTEXTS.map(topicFor);

/** Where consumers put what they cannot process (malformed, unknown type or version, poison). */
export const DEAD_LETTER_TOPIC = 'grantline.dead-letter.v1';

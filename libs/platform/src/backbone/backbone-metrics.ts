// The event backbone's Prometheus series and its log lines. A dead letter is logged once, when
// it happens, with the event id and never the payload.
import { Counter, type Registry } from 'prom-client';
import type { ConsumerObserver } from '@grantline/messaging';
import type { RelayObserver } from '@grantline/event-store';

export interface BackboneLog {
  warn(fields: object, message: string): void;
}

function counter<L extends string>(
  registry: Registry,
  name: string,
  help: string,
  labelNames: L[],
): Counter<L> {
  const existing = registry.getSingleMetric(name);
  if (existing) return existing as Counter<L>;
  return new Counter({ name, help, labelNames, registers: [registry] });
}

export function relayObserver(registry: Registry, service: string, log: BackboneLog): RelayObserver {
  const published = counter(
    registry,
    'grantline_outbox_published_total',
    'Events the outbox relay published',
    ['service'],
  );
  const retried = counter(registry, 'grantline_outbox_retries_total', 'Publications refused and retried', [
    'service',
  ]);
  const deadLettered = counter(
    registry,
    'grantline_outbox_dead_letters_total',
    'Events moved to outbox_dead_letters after the last attempt',
    ['service'],
  );
  const failures = counter(
    registry,
    'grantline_outbox_relay_failures_total',
    'Relay cycles that failed (database or transport outage)',
    ['service'],
  );
  let lastOutageLog = 0;
  return {
    published: (count) => published.inc({ service }, count),
    retried: (count) => retried.inc({ service }, count),
    deadLettered: (eventId, topic, error) => {
      deadLettered.inc({ service });
      log.warn({ eventId, topic, error }, 'outbox event dead-lettered after its last publication attempt');
    },
    failed: (error) => {
      failures.inc({ service });
      // An outage fails every cycle; one line a minute says so without flooding the log.
      if (Date.now() - lastOutageLog > 60_000) {
        lastOutageLog = Date.now();
        log.warn(
          { error: error instanceof Error ? error.message : String(error) },
          'outbox relay cannot publish',
        );
      }
    },
  };
}

export function consumerObserver(registry: Registry, service: string, log: BackboneLog): ConsumerObserver {
  const consumed = counter(registry, 'grantline_events_consumed_total', 'Events applied by a consumer', [
    'service',
    'type',
    'outcome',
  ]);
  const deadLettered = counter(
    registry,
    'grantline_events_dead_lettered_total',
    'Events a consumer sent to the dead-letter topic',
    ['service', 'reason'],
  );
  return {
    applied: (type) => consumed.inc({ service, type, outcome: 'applied' }),
    duplicate: (type) => consumed.inc({ service, type, outcome: 'duplicate' }),
    deadLettered: (reason, type, error) => {
      deadLettered.inc({ service, reason });
      log.warn({ reason, type, error }, 'event sent to the dead-letter topic');
    },
  };
}

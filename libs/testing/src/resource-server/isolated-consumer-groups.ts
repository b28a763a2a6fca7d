// Kafka consumer groups per test suite, so suites sharing the broker never take each other's
// partitions (or each other's events). Typed by shape: libs/messaging's own tests use this lib.
interface Subscribing {
  subscribe(options: { group: string }): unknown;
}

/** The same transport, but every subscription's consumer group gets `-<suffix>`. */
export function isolatedConsumerGroups<T extends Subscribing>(transport: T, suffix: string): T {
  return new Proxy(transport, {
    get(target, property) {
      if (property === 'subscribe') {
        return (options: { group: string }) =>
          target.subscribe({ ...options, group: `${options.group}-${suffix}` });
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

// Readiness asks the event transport whether it can deliver. libs/messaging's transports implement
// this structurally; the platform does not depend on them.

export interface TransportHealth {
  /** Short name for the health report: "in-process", "kafka". */
  readonly transportName: string;
  isReady(): Promise<boolean>;
}

export const EVENT_TRANSPORT = Symbol('EVENT_TRANSPORT');

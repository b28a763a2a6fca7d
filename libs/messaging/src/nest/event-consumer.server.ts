// Services declare event handlers the Nest way, in controllers:
//
//   @EventPattern('AuthorizationApproved')
//   async onApproved(@Payload() event: EventEnvelope<AuthorizationApprovedV1>, @Ctx() context: EventContext<EntityManager>) {…}
//
// This custom transport strategy collects those handlers and runs them in the consumer runtime,
// on whichever transport the process uses. A handler's work belongs in `context.transaction`,
// which commits together with the processed-event record.
import { Server, type CustomTransportStrategy, type MessageHandler } from '@nestjs/microservices';
import { lastValueFrom, isObservable } from 'rxjs';
import type { EventEnvelope } from '@grantline/contracts';
import {
  EventConsumer,
  type EventConsumerOptions,
  type EventHandler,
  type EventRunHandler,
} from '../consumer/event-consumer';
import type { EventTransport } from '../transport/event-transport';

export interface EventContext<Transaction = unknown> {
  transaction: Transaction;
  event: EventEnvelope;
}

/**
 * The pattern of a handler that receives every event type in runs (the audit log):
 *
 *   @EventPattern(EVERY_EVENT_RUN)
 *   async onRun(@Payload() events: EventEnvelope[], @Ctx() context: EventRunContext<EntityManager>) {…}
 */
export const EVERY_EVENT_RUN = 'grantline:every-event-run';

export interface EventRunContext<Transaction = unknown> {
  transaction: Transaction;
  events: readonly EventEnvelope[];
}

export type EventConsumerServerOptions<Transaction> = Omit<
  EventConsumerOptions<Transaction>,
  'handlers' | 'runHandler'
>;

export class EventConsumerServer<Transaction> extends Server implements CustomTransportStrategy {
  private consumer: EventConsumer<Transaction> | undefined;

  constructor(private readonly consumerOptions: EventConsumerServerOptions<Transaction>) {
    super();
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      const handlers = new Map<string, EventHandler<Transaction>>();
      let runHandler: EventRunHandler<Transaction> | undefined;
      for (const [pattern, handler] of this.getHandlers()) {
        if (!handler.isEventHandler) continue;
        if (pattern === EVERY_EVENT_RUN) runHandler = this.invokeRun(handler);
        else handlers.set(pattern, this.invoke(handler));
      }
      this.consumer = new EventConsumer({ ...this.consumerOptions, handlers, runHandler });
      await this.consumer.start();
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    await this.consumer?.stop();
  }

  on(): never {
    throw new Error('the event consumer server emits no events');
  }

  unwrap<T>(): T {
    return this.consumerOptions.transport as EventTransport as T;
  }

  private invokeRun(handler: MessageHandler): EventRunHandler<Transaction> {
    return async (events, transaction) => {
      const context: EventRunContext<Transaction> = { transaction, events };
      const result = await handler(events, context);
      if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
    };
  }

  private invoke(handler: MessageHandler): EventHandler<Transaction> {
    return async (event, transaction) => {
      const context: EventContext<Transaction> = { transaction, event };
      const result = await handler(event, context);
      if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
    };
  }
}

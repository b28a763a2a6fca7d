// Aggregates are pure deciders (STYLE.md, after emmett): decide(command, state) → events and
// evolve(state, event) → state. The runtime loads a stream, decides, and appends with the
// expected version, deciding again on a conflict a bounded number of times.
import type { EventMetadata } from '@grantline/contracts';
import { ConcurrencyError } from '../store/errors';
import type { AppendResult, EventStore, NewEvent } from '../store/event-store';

export interface Decider<State, Command, Event extends NewEvent = NewEvent> {
  initialState(): State;
  evolve(state: State, event: Event): State;
  /** Returns the events the command causes; throws a domain error to refuse it. */
  decide(command: Command, state: State): Event[];
}

/** Folds events into state: what the runtime does after reading a stream. */
export function stateFrom<State, Event extends NewEvent>(
  decider: Pick<Decider<State, unknown, Event>, 'initialState' | 'evolve'>,
  events: readonly Event[],
): State {
  return events.reduce((state, event) => decider.evolve(state, event), decider.initialState());
}

/** given(events).when(command) for unit tests of deciders, with no database. */
export function given<State, Command, Event extends NewEvent>(
  decider: Decider<State, Command, Event>,
  history: readonly Event[],
): { when(command: Command): Event[] } {
  return { when: (command) => decider.decide(command, stateFrom(decider, history)) };
}

export interface CommandOutcome<State> extends AppendResult {
  state: State;
  attempts: number;
}

export interface HandleCommandOptions {
  /** Attempts in all, including the first; a conflict on the last one is thrown. */
  maxAttempts?: number;
}

export async function handleCommand<State, Command, Event extends NewEvent>(
  store: EventStore,
  decider: Decider<State, Command, Event>,
  streamId: string,
  command: Command,
  metadata: EventMetadata,
  options: HandleCommandOptions = {},
): Promise<CommandOutcome<State>> {
  const maxAttempts = options.maxAttempts ?? 3;
  for (let attempt = 1; ; attempt++) {
    const { version, events } = await store.readStream(streamId);
    const state = stateFrom(decider, events as unknown as Event[]);
    const decided = decider.decide(command, state);
    if (decided.length === 0) return { state, attempts: attempt, nextExpectedVersion: version, events: [] };
    try {
      const result = await store.append(streamId, version === 0 ? 'no-stream' : version, decided, metadata);
      const newState = decided.reduce((current, event) => decider.evolve(current, event), state);
      return { ...result, state: newState, attempts: attempt };
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= maxAttempts) throw error;
    }
  }
}

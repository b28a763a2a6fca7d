// The contract between domain errors and the one exception filter. Domain code throws errors that
// know their protocol rendering (OAuth JSON, OB error body); the filter never guesses.

export interface ProtocolProblem {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** Implemented structurally by protocol errors in libs/oauth and the services, which don't import this lib. */
export interface RendersProtocolProblem {
  toProtocolProblem(context: ProblemContext): ProtocolProblem;
}

export interface ProblemContext {
  interactionId: string | undefined;
}

export function rendersProtocolProblem(error: unknown): error is RendersProtocolProblem {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as Partial<RendersProtocolProblem>).toProtocolProblem === 'function'
  );
}

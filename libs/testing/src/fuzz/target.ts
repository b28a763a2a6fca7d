// A fuzz target: an endpoint family, the requirement IDs its robustness proves, the error format
// its answers must have, and how one generated input becomes one HTTP request.
import type fc from 'fast-check';
import type { ErrorFormat, FuzzRequest } from './exchange';
import type { FuzzWorld } from './fuzz-world';
import { type HeaderEdit, type Headers, editedHeaders } from './header-mutation';
import { UNMUTATED_JWT } from './jwt-mutation';

export interface FuzzTarget<Input = unknown> {
  name: string;
  /** Requirement IDs (REQUIREMENTS.md) whose robustness this target shows. */
  ids: readonly string[];
  format: ErrorFormat;
  arbitrary: fc.Arbitrary<Input>;
  request(world: FuzzWorld, input: Input): Promise<FuzzRequest>;
}

/** Headers with the edit applied, DPoP edits included (they need the world's key to sign). */
export async function withHeaderEdit(
  world: FuzzWorld,
  headers: Headers,
  edit: HeaderEdit,
  proof: { method: string; url: string; accessToken?: string },
): Promise<Headers> {
  const good = () => world.dpopProof(proof.method, proof.url, proof.accessToken, UNMUTATED_JWT);
  if (edit.kind === 'dpop') {
    const mutated = await world.dpopProof(proof.method, proof.url, proof.accessToken, edit.mutation);
    return [...headers.filter(([name]) => name !== 'dpop'), ['dpop', mutated]];
  }
  if (edit.kind === 'dpop-twice') return [...headers, ['dpop', await good()]];
  return editedHeaders(headers, edit);
}

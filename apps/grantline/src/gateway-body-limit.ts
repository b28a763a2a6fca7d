// The gateway refuses a body over the services' limit itself (413 in the route's format): sent on,
// the service would refuse it mid-stream and the proxy would report a broken upstream (503).
// A declared length is checked as it stands; a chunked body declares none, so it is read into
// memory up to the limit (the APIs behind the gateway take small form and JSON bodies) and passed
// on from there.
import { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';

export type BodyVerdict = 'within_limit' | 'too_large';

export async function checkBodyLimit(request: FastifyRequest, limitBytes: number): Promise<BodyVerdict> {
  const declared = request.headers['content-length'];
  if (declared !== undefined) return Number(declared) > limitBytes ? 'too_large' : 'within_limit';
  const body = request.body;
  if (!(body instanceof Readable)) return 'within_limit';
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += bytes.length;
    // Stop reading at once: the answer closes the connection, so the rest is never buffered.
    if (size > limitBytes) return 'too_large';
    chunks.push(bytes);
  }
  request.body = Readable.from([Buffer.concat(chunks)]);
  return 'within_limit';
}

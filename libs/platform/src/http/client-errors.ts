// Requests Node's HTTP parser refuses before Fastify sees them (a header block over the size limit,
// a malformed request line): answered in the protocol's error format, not Fastify's default body.
// The gateway picks the format by path from the request line, when the bytes the parser held
// include it; a service always answers in its own.
import type { Socket } from 'node:net';
import { type ErrorFormat, oauthErrorFormat } from '../errors/error-format';

export type ClientErrorHandler = (
  error: Error & { code?: string; rawPacket?: unknown },
  socket: Socket,
) => void;

export function clientErrorAnswerer(formatOf: (requestLine: string) => ErrorFormat): ClientErrorHandler {
  return (error, socket) => {
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const packet = Buffer.isBuffer(error.rawPacket) ? error.rawPacket : Buffer.alloc(0);
    const requestLine = packet.subarray(0, 256).toString('latin1').split('\r\n', 1)[0] ?? '';
    const format = formatOf(requestLine);
    const problem = format.render('bad_request', { interactionId: undefined });
    const body = JSON.stringify(
      tooLarge && format === oauthErrorFormat
        ? { ...problem.body, error_description: 'The request headers are too large' }
        : problem.body,
    );
    const status = tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request';
    socket.end(
      `HTTP/1.1 ${status}\r\ncontent-type: application/json; charset=utf-8\r\ncache-control: no-store\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  };
}

// Requests Node's HTTP parser refuses before central sees them (a request line or headers over
// 16 KB, a malformed request) get the same JSON error body as every other refusal, instead of
// Node's bare status line, so a client can always read `{code, message}`.
import { STATUS_CODES, type Server } from 'node:http';
import type { Socket } from 'node:net';

/** The status and body for a parser error (pure). */
export function clientErrorReply(code: string | undefined): { status: number; body: { code: string; message: string } } {
  if (code === 'HPE_HEADER_OVERFLOW') return { status: 431, body: { code: 'HEADERS_TOO_LARGE', message: 'the request line and headers exceed 16 KB' } };
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return { status: 408, body: { code: 'REQUEST_TIMEOUT', message: 'the request was not received in time' } };
  return { status: 400, body: { code: 'BAD_REQUEST', message: 'the HTTP request is malformed' } };
}

export function answerClientErrors(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    // A reset connection, or one already answered, has no one left to read an answer.
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const { status, body } = clientErrorReply(err.code);
    const json = JSON.stringify(body);
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`);
  });
}

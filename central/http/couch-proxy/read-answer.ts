// Reads a copy of CouchDB's answer as it streams to the client, bounded: the proxy still pipes
// every byte to the till; this only listens. Gives the parsed JSON, or undefined when the answer
// is larger than `maxBytes`, not JSON, or cut short (nothing to inspect then, and the caller says so).
import type { IncomingMessage } from 'node:http';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

const MAX_DECODED = 64 * 1024 * 1024;

export function readAnswer(res: IncomingMessage, maxBytes: number): Promise<unknown> {
  return new Promise((resolve) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    let over = false;
    res.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > maxBytes) {
        over = true;
        chunks.length = 0;
        return;
      }
      chunks.push(new Uint8Array(chunk));
    });
    res.on('error', () => resolve(undefined));
    res.on('aborted', () => resolve(undefined));
    res.on('close', () => resolve(undefined)); // after 'end' this changes nothing (a promise settles once)
    res.on('end', () => {
      if (over) return resolve(undefined);
      try {
        resolve(JSON.parse(new TextDecoder().decode(decode(concat(chunks, size), String(res.headers['content-encoding'] ?? '')))));
      } catch {
        resolve(undefined);
      }
    });
  });
}

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function decode(body: Uint8Array, encoding: string): Uint8Array {
  const e = encoding.trim().toLowerCase();
  if (e === 'gzip' || e === 'x-gzip') return new Uint8Array(gunzipSync(body, { maxOutputLength: MAX_DECODED }));
  if (e === 'deflate') return new Uint8Array(inflateSync(body, { maxOutputLength: MAX_DECODED }));
  if (e === 'br') return new Uint8Array(brotliDecompressSync(body, { maxOutputLength: MAX_DECODED }));
  return body;
}

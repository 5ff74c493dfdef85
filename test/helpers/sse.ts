// A small server-sent events client for tests: collects events and waits (bounded) for one.
export interface SseEvent { type: string; at: string; data: Record<string, any> }

export interface SseClient {
  seen: SseEvent[];
  next(match: (e: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>;
  close(): void;
}

export async function readSse(url: string, headers: Record<string, string>): Promise<SseClient> {
  const abort = new AbortController();
  const res = await fetch(url, { headers, signal: abort.signal });
  if (!res.ok || !res.body) throw new Error(`SSE ${url} answered ${res.status}`);
  const seen: SseEvent[] = [];
  const waiters: Array<() => void> = [];
  const decoder = new TextDecoder();
  let buffer = '';
  (async () => {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
        if (data) seen.push(JSON.parse(data) as SseEvent);
        waiters.splice(0).forEach((w) => w());
      }
    }
  })().catch(() => undefined);
  return {
    seen,
    async next(match, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (let i = 0; i < 10_000; i++) {
        const hit = seen.find(match);
        if (hit) return hit;
        const left = deadline - Date.now();
        if (left <= 0) break;
        await new Promise<void>((resolve) => { waiters.push(resolve); setTimeout(resolve, Math.min(left, 200)); });
      }
      throw new Error('timed out waiting for a server-sent event');
    },
    close: () => abort.abort(),
  };
}

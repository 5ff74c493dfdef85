// A minimal server-sent events reader over fetch for the console API tests: frames with their
// id, event and data, read until a condition holds or a bounded wait passes.
export interface SseFrame { id?: string; event?: string; data?: string }

export interface SseReader {
  status: number;
  frames: SseFrame[];
  /** Waits until `done(frames)` holds (throws after `ms`). */
  until(done: (frames: SseFrame[]) => boolean, ms?: number): Promise<SseFrame[]>;
  close(): void;
}

export async function openSse(url: string, headers: Record<string, string>): Promise<SseReader> {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { Accept: 'text/event-stream', ...headers }, signal: abort.signal });
  const frames: SseFrame[] = [];
  let buffer = '';
  const waiters = new Set<() => void>();
  if (res.ok && res.body) {
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const frame = parseFrame(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
            if (frame.event !== undefined || frame.data !== undefined) frames.push(frame);
          }
          for (const wake of waiters) wake();
        }
      } catch {
        // aborted by close()
      }
    })();
  }
  return {
    status: res.status,
    frames,
    until(done, ms = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!done(frames)) return;
          cleanup();
          resolve(frames);
        };
        const timer = setTimeout(() => { cleanup(); reject(new Error(`SSE condition not met in ${ms} ms; frames: ${JSON.stringify(frames.map((f) => [f.id, f.event]))}`)); }, ms);
        const cleanup = () => { clearTimeout(timer); waiters.delete(check); };
        waiters.add(check);
        check();
      });
    },
    close: () => abort.abort(),
  };
}

function parseFrame(text: string): SseFrame {
  const frame: SseFrame = {};
  for (const line of text.split('\n')) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id' || field === 'event') frame[field] = value;
    if (field === 'data') frame.data = frame.data === undefined ? value : `${frame.data}\n${value}`;
  }
  return frame;
}

// Central's server-sent events (/api/events, same origin, session cookie): calls `on` with each
// event of the given types; `onState` says whether the stream is open. Returns a closer.
export interface LiveEvent { type: string; at: string; data: Record<string, unknown> }

export function listen(types: readonly string[], on: (event: LiveEvent) => void, onState: (open: boolean) => void = () => undefined): () => void {
  const source = new EventSource('/api/events', { withCredentials: true });
  const handler = (e: MessageEvent<string>) => {
    try {
      on(JSON.parse(e.data) as LiveEvent);
    } catch {
      // Not JSON: not one of central's events.
    }
  };
  for (const type of types) source.addEventListener(type, handler as EventListener);
  source.onopen = () => onState(true);
  source.onerror = () => onState(false);
  return () => source.close();
}

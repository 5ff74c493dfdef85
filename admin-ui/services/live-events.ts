// Central's server-sent events (/api/events, same origin, session cookie).
// `listen` calls `on` with each event of the given types; `onState` says whether the stream is open.
// `follow` is for pages that must not miss an event (the change feed): it says whether the
// stream is live or reconnecting, and resumes where it stopped — EventSource resends
// Last-Event-ID on its own reconnects; when the browser gives up (central answered an error),
// a new EventSource passes the last id as ?lastEventId=. Central answers an id it can no longer
// replay with a `reset` event: `onReset` tells the page that something may be missing.
// https://html.spec.whatwg.org/multipage/server-sent-events.html#the-last-event-id-header
export interface LiveEvent { id?: string; type: string; at: string; data: Record<string, unknown> }

export type ConnectionState = 'connecting' | 'live' | 'reconnecting';

/** The stream's address, resuming after `lastId` when there is one. Pure. */
export function eventsUrl(lastId: string | undefined): string {
  return lastId ? `/api/events?lastEventId=${encodeURIComponent(lastId)}` : '/api/events';
}

/** What an EventSource's error means: it retries by itself unless it is CLOSED (then we must). Pure. */
export function afterError(readyState: number): { state: ConnectionState; reopen: boolean } {
  return { state: 'reconnecting', reopen: readyState === 2 /* EventSource.CLOSED */ };
}

function parse(e: MessageEvent<string>): LiveEvent | undefined {
  try {
    return JSON.parse(e.data) as LiveEvent;
  } catch (err) {
    console.warn('an /api/events frame that is not JSON was ignored:', err);
    return undefined;
  }
}

export function listen(types: readonly string[], on: (event: LiveEvent) => void, onState: (open: boolean) => void = () => undefined): () => void {
  const source = new EventSource('/api/events', { withCredentials: true });
  const handler = (e: MessageEvent<string>) => {
    const event = parse(e);
    if (event) on(event);
  };
  for (const type of types) source.addEventListener(type, handler as EventListener);
  source.onopen = () => onState(true);
  source.onerror = () => onState(false);
  return () => source.close();
}

export interface FollowHandlers {
  on(event: LiveEvent): void;
  onState(state: ConnectionState): void;
  /** Central could not replay what was missed (restarted, or away too long). */
  onReset(): void;
  /** The browser gave up on the stream (central answered an error, e.g. 401 when the session ended); it is reopened after `retryMs`. */
  onGaveUp?(): void;
}

export interface FollowOptions {
  /** Resume after this id (e.g. the one GET /api/changes/recent read its changes at). */
  from?: string;
  /** How long to wait before reopening a stream the browser gave up on (ms). Default 3,000. */
  retryMs?: number;
}

export function follow(types: readonly string[], handlers: FollowHandlers, { from, retryMs = 3000 }: FollowOptions = {}): () => void {
  let lastId = from;
  let source: EventSource | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  const handler = (e: MessageEvent<string>) => {
    if (e.lastEventId) lastId = e.lastEventId;
    const event = parse(e);
    if (event === undefined) return;
    if (event.type === 'reset') handlers.onReset();
    else handlers.on(event);
  };
  const open = () => {
    if (closed) return;
    source = new EventSource(eventsUrl(lastId), { withCredentials: true });
    for (const type of [...types, 'reset']) source.addEventListener(type, handler as EventListener);
    source.onopen = () => handlers.onState('live');
    source.onerror = () => {
      const next = afterError(source!.readyState);
      handlers.onState(next.state);
      if (!next.reopen || closed) return;
      handlers.onGaveUp?.();
      timer = setTimeout(open, retryMs);
    };
  };
  handlers.onState('connecting');
  open();
  return () => {
    closed = true;
    clearTimeout(timer);
    source?.close();
  };
}

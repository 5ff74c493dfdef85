// Keeps what an element shows fresh while it is on the page: central's events of some types
// reload it, one reload a burst, each within its event's delay (services/reload-scheduler), and
// optionally every `everyMs` too (what turns stale by central's clock announces nothing).
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { listen, type LiveEvent } from '../services/live-events.js';
import { ReloadScheduler } from '../services/reload-scheduler.js';

export interface LiveReload {
  events: readonly string[];
  /** Called with each event before the reload is asked for (to note what it changed). */
  seen?(event: LiveEvent): void;
  /** How soon an event wants the reload, ms. */
  delayMs(event: LiveEvent): number;
  reload(): void;
  /** Also reload this often, ms; never when left out. */
  everyMs?: number;
  /** Whether the event stream is open. */
  onState?(open: boolean): void;
}

export class LiveReloadController implements ReactiveController {
  private readonly scheduler: ReloadScheduler;
  private close: (() => void) | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(host: ReactiveControllerHost, private readonly options: LiveReload) {
    this.scheduler = new ReloadScheduler(() => options.reload());
    host.addController(this);
  }

  hostConnected(): void {
    const { events, seen, delayMs, reload, everyMs, onState } = this.options;
    this.close = listen(events, (e) => {
      seen?.(e);
      this.scheduler.soon(delayMs(e));
    }, onState);
    if (everyMs !== undefined) this.timer = setInterval(reload, everyMs);
  }

  hostDisconnected(): void {
    this.close?.();
    clearInterval(this.timer);
    this.scheduler.cancel();
  }
}

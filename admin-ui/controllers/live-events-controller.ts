// Central's events of some types (services/live-events `listen`) for as long as the element is
// on the page: opened when it connects, closed when it leaves.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { listen, type LiveEvent } from '../services/live-events.js';

export class LiveEventsController implements ReactiveController {
  private close: (() => void) | undefined;

  constructor(host: ReactiveControllerHost, private readonly types: readonly string[], private readonly on: (event: LiveEvent) => void, private readonly onState?: (open: boolean) => void) {
    host.addController(this);
  }

  hostConnected(): void {
    this.close = listen(this.types, this.on, this.onState);
  }

  hostDisconnected(): void {
    this.close?.();
    this.close = undefined;
  }
}

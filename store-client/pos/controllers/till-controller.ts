// Gives an element the till's snapshot (phase, identity, sync status, first-download progress)
// and re-renders it whenever that changes.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { till, type TillSnapshot } from '../services/till.js';

export class TillController implements ReactiveController {
  snapshot: TillSnapshot = till.snapshot;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.unsubscribe = till.subscribe((s) => {
      this.snapshot = s;
      this.host.requestUpdate();
    });
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
  }

  /** Rejects with a LoginError whose message is ready to show. */
  login(name: string, password: string): Promise<void> {
    return till.login(name, password);
  }
}

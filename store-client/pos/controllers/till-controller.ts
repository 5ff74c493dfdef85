// Gives an element the till's snapshot (phase, identity, sync status, first-download progress)
// and re-renders it whenever that changes.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { till, type LoginOutcome, type TillSnapshot } from '../services/till.js';

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

  /** Rejects with a PosError whose message is ready to show; `needs-manager` asks for authorizeEnrolment. */
  login(name: string, password: string): Promise<LoginOutcome> {
    return till.login(name, password);
  }

  /** A manager authorizes the first login waiting; rejects with a PosError. */
  authorizeEnrolment(name: string, password: string): Promise<LoginOutcome> {
    return till.authorizeEnrolment(name, password);
  }

  /** Another tab of this browser sells: move the till to this one. */
  takeOver(): Promise<void> {
    return till.takeOver();
  }

  cancelEnrolment(): void {
    till.cancelEnrolment();
  }

  /** No manager at hand: asks head office; resolves to the key's id and the device id. */
  requestOfficeApproval(): Promise<{ keyId: string; device: string }> {
    return till.requestOfficeApproval();
  }

  checkOfficeApproval(): Promise<LoginOutcome | 'pending' | 'rejected'> {
    return till.checkOfficeApproval();
  }

  get enrolmentWaiting(): { store: string; cashier: string } | undefined {
    return till.enrolmentWaiting;
  }
}

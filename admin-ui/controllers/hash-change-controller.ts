// The console's address is its state (`#/conflicts?store=s1`): calls `onChange` at every
// hashchange while the element is on the page.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class HashChangeController implements ReactiveController {
  constructor(host: ReactiveControllerHost, private readonly onChange: () => void) {
    host.addController(this);
  }

  hostConnected(): void {
    addEventListener('hashchange', this.onChange);
  }

  hostDisconnected(): void {
    removeEventListener('hashchange', this.onChange);
  }
}

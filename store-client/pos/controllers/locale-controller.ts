// Re-renders an element when the POS's language changes (see i18n/locale.ts).
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { onLocaleChange } from '../i18n/locale.js';

export class LocaleController implements ReactiveController {
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.unsubscribe = onLocaleChange(() => this.host.requestUpdate());
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
  }
}

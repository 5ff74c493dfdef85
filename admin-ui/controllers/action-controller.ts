// What a person starts with a button (log in, resolve, revoke, approve…): while it runs the
// buttons wait (`busy`), and what went wrong is kept in the person's words (`error`), cleared
// when the next one starts. Every form of the console shares this instead of its own try/catch.
import type { ReactiveControllerHost } from 'lit';
import type { Translate } from '../i18n/translate.js';
import { errorText } from '../elements/error-text.js';

export class ActionController {
  busy = false;
  error = '';

  /** `t` is read at each failure: the language may have changed since. */
  constructor(private readonly host: ReactiveControllerHost, private readonly t: () => Translate) {}

  /** Runs `action`: true when it went through, else false with `error` set (by `explain`, default errorText). */
  async run(action: () => Promise<unknown>, explain: (err: unknown) => string = (err) => errorText(err, this.t())): Promise<boolean> {
    this.busy = true;
    this.error = '';
    this.host.requestUpdate();
    try {
      await action();
      return true;
    } catch (err) {
      this.error = explain(err);
      return false;
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  /** Says what is wrong before anything is sent (a form's own check), or clears it with ''. */
  say(error: string): void {
    this.error = error;
    this.host.requestUpdate();
  }
}

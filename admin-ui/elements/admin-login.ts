// The console's login: name and password → POST /api/session; fires `logged-in` with the user.
// Shows why it is here (session expired, logged out) and why a login failed.
import { consume } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { ActionController } from '../controllers/action-controller.js';
import type { MessageKey } from '../i18n/translate.js';
import { ApiError } from '../services/api.js';
import { consoleContext, type ConsoleContext } from '../services/console-context.js';
import { mayUseConsole } from '../services/roles.js';
import { errorLine } from './error-text.js';
import { shared } from './shared-styles.js';

@customElement('admin-login')
export class AdminLogin extends LitElement {
  static override styles = [shared, css`
    :host { max-width: 26rem; margin: 3rem auto; padding: 2rem; background: #fff; border-radius: 0.75rem; box-shadow: 0 2px 12px rgb(0 0 0 / 8%); }
    label { display: block; margin-bottom: 1rem; }
    input { display: block; width: 100%; box-sizing: border-box; margin-top: 0.3rem; }
    button { width: 100%; min-height: 2.8rem; }
    p.notice { background: #fff4d6; padding: 0.6rem; border-radius: 0.4rem; }
  `];

  @consume({ context: consoleContext, subscribe: true }) ctx!: ConsoleContext;
  @property({ attribute: false }) notice: MessageKey | undefined;
  private readonly work = new ActionController(this, () => this.ctx.t);

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    await this.work.run(async () => {
      const user = await this.ctx.api.logIn(String(form.get('name') ?? ''), String(form.get('password') ?? ''));
      if (!mayUseConsole(user)) {
        await this.ctx.api.logOut().catch((err: unknown) => console.warn('could not end the session of an account the console does not serve:', err));
        throw new ApiError(403, 'FORBIDDEN', 'not a chain admin or a store manager');
      }
      this.dispatchEvent(new CustomEvent('logged-in', { detail: user, bubbles: true, composed: true }));
    });
  }

  override render() {
    const { t } = this.ctx;
    return html`
      <h1>${t('login.title')}</h1>
      ${this.notice ? html`<p class="notice" role="status" data-testid="login-notice">${t(this.notice)}</p>` : html`<p class="note">${t('login.intro')}</p>`}
      <form @submit=${this.submit}>
        <label>${t('login.name')}<input name="name" autocomplete="username" required data-testid="login-name" /></label>
        <label>${t('login.password')}<input name="password" type="password" autocomplete="current-password" required data-testid="login-password" /></label>
        ${errorLine(this.work.error, 'login-error')}
        <button type="submit" ?disabled=${this.work.busy} data-testid="login-submit">${this.work.busy ? t('login.busy') : t('login.submit')}</button>
      </form>`;
  }
}

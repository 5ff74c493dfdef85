// Tills' enrolment requests from every store (GET /api/device-requests): an admin compares the
// fingerprint with the one the till shows, then approves (the till is enrolled, `devices-changed`
// is fired) or rejects with a reason. New and settled requests arrive live (`device.request`).
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { LitElement, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ApiError } from '../services/api.js';
import { fingerprint, reasonOf } from '../services/account-form.js';
import { consoleContext, type ConsoleContext } from '../services/console-context.js';
import { listen } from '../services/live-events.js';
import { errorText } from './error-text.js';
import { panelStyles } from './panel-styles.js';
import { shared, when } from './shared-styles.js';

interface EnrolRequest { store: string; device: string; keyId: string; requestedBy: string; requestedAt: string }

@customElement('enrol-requests')
export class EnrolRequests extends LitElement {
  static override styles = [shared, panelStyles];

  @consume({ context: consoleContext, subscribe: true }) ctx!: ConsoleContext;
  @state() private rejecting: EnrolRequest | null = null;
  @state() private message = '';
  @state() private problem = '';
  @state() private busy = false;

  private close: (() => void) | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    // A till asking, or another admin settling: the list follows without a reload.
    this.close = listen(['device.request'], () => void this.requests.run());
  }

  override disconnectedCallback(): void {
    this.close?.();
    super.disconnectedCallback();
  }

  private readonly requests = new Task(this, {
    task: () => this.ctx.api.request<{ requests: EnrolRequest[] }>('GET', '/device-requests'),
    args: () => [],
  });

  override render() {
    const { t } = this.ctx;
    return html`
      <section aria-labelledby="requests-title">
        <h2 id="requests-title">${t('requests.title')}</h2>
        <p class="note">${t('requests.intro')}</p>
        <p role="status" data-testid="requests-status">${this.message}</p>
        ${this.problem ? html`<p class="error" role="alert">${this.problem}</p>` : ''}
        ${this.requests.render({
          pending: () => html`<p>${t('app.loading')}</p>`,
          error: (err) => html`<p class="error" role="alert">${errorText(err, t)}</p>`,
          complete: ({ requests }) => this.table(requests),
        })}
        ${this.rejecting ? this.rejectForm(this.rejecting) : ''}
      </section>`;
  }

  private table(requests: EnrolRequest[]) {
    const { t, locale } = this.ctx;
    if (requests.length === 0) return html`<p data-testid="requests-empty">${t('requests.empty')}</p>`;
    return html`
      <table data-testid="requests">
        <thead><tr>
          <th scope="col">${t('accounts.store')}</th><th scope="col">${t('requests.device')}</th><th scope="col">${t('requests.fingerprint')}</th>
          <th scope="col">${t('requests.by')}</th><th scope="col">${t('requests.at')}</th><th scope="col">${t('requests.actions')}</th>
        </tr></thead>
        <tbody>${requests.map((r) => html`
          <tr data-testid="request-row" data-device=${r.device}>
            <td>${r.store}</td><td>${r.device}</td><td><code>${fingerprint(r.keyId)}</code></td><td>${r.requestedBy}</td><td>${when(r.requestedAt, locale)}</td>
            <td class="actions">
              <button ?disabled=${this.busy} aria-label=${t('requests.approveLabel', { device: r.device })} @click=${() => this.approve(r)}>${t('requests.approve')}</button>
              <button class="quiet" ?disabled=${this.busy} aria-label=${t('requests.rejectLabel', { device: r.device })} @click=${() => { this.rejecting = r; this.problem = ''; }}>${t('requests.reject')}</button>
            </td>
          </tr>`)}</tbody>
      </table>`;
  }

  private rejectForm(r: EnrolRequest) {
    const { t } = this.ctx;
    return html`
      <form class="panel" aria-labelledby="reject-title" @submit=${(e: Event) => this.reject(e, r)}>
        <h3 id="reject-title">${t('requests.rejectTitle', { device: r.device })}</h3>
        <label>${t('accounts.reason')} <textarea name="reason" rows="2" maxlength="500" required data-testid="reject-reason"></textarea></label>
        <p class="buttons">
          <button type="submit" ?disabled=${this.busy} data-testid="reject-confirm">${t('requests.rejectConfirm')}</button>
          <button type="button" class="quiet" @click=${() => { this.rejecting = null; }}>${t('accounts.cancel')}</button>
        </p>
      </form>`;
  }

  private async approve(r: EnrolRequest): Promise<void> {
    await this.settle(r, `/device-requests/${r.store}/${encodeURIComponent(r.device)}/approve`, { keyId: r.keyId }, 'requests.approved');
    this.dispatchEvent(new CustomEvent('devices-changed', { bubbles: true, composed: true, detail: { store: r.store } }));
  }

  private async reject(e: Event, r: EnrolRequest): Promise<void> {
    e.preventDefault();
    const reason = reasonOf(new FormData(e.target as HTMLFormElement).get('reason')?.toString() ?? '');
    if (reason === null) {
      this.problem = this.ctx.t('acct.errReason');
      return;
    }
    await this.settle(r, `/device-requests/${r.store}/${encodeURIComponent(r.device)}/reject`, { keyId: r.keyId, reason }, 'requests.rejected');
    this.rejecting = null;
  }

  private async settle(r: EnrolRequest, path: string, body: unknown, done: 'requests.approved' | 'requests.rejected'): Promise<void> {
    const { t } = this.ctx;
    this.busy = true;
    this.problem = '';
    try {
      await this.ctx.api.request('POST', path, body);
      this.message = t(done, { device: r.device });
    } catch (err) {
      const gone = err instanceof ApiError && (err.status === 404 || err.status === 409);
      this.problem = gone ? t('requests.gone') : errorText(err, t);
    } finally {
      this.busy = false;
      await this.requests.run();
    }
  }
}

declare global {
  interface HTMLElementTagNameMap { 'enrol-requests': EnrolRequests }
}

// Tills' enrolment requests from every store (GET /api/device-requests): an admin compares the
// fingerprint with the one the till shows, then approves (the till is enrolled, `devices-changed`
// is fired) or rejects with a reason. New and settled requests arrive live (`device.request`).
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { LitElement, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ActionController } from '../controllers/action-controller.js';
import { LiveEventsController } from '../controllers/live-events-controller.js';
import { ApiError } from '../services/api.js';
import { fingerprint } from '../services/account-form.js';
import { consoleContext, type ConsoleContext } from '../services/console-context.js';
import { errorLine, errorText } from './error-text.js';
import { panelStyles } from './panel-styles.js';
import { reasonForm } from './reason-form.js';
import { shared, when } from './shared-styles.js';

interface EnrolRequest { store: string; device: string; keyId: string; requestedBy: string; requestedAt: string }

@customElement('enrol-requests')
export class EnrolRequests extends LitElement {
  static override styles = [shared, panelStyles];

  @consume({ context: consoleContext, subscribe: true }) ctx!: ConsoleContext;
  @state() private rejecting: EnrolRequest | null = null;
  @state() private message = '';
  private readonly work = new ActionController(this, () => this.ctx.t);

  private readonly requests = new Task(this, {
    task: () => this.ctx.api.request<{ requests: EnrolRequest[] }>('GET', '/device-requests'),
    args: () => [],
  });

  // A till asking, or another admin settling: the list follows without a reload.
  private readonly live = new LiveEventsController(this, ['device.request'], () => void this.requests.run());

  override render() {
    const { t } = this.ctx;
    return html`
      <section aria-labelledby="requests-title">
        <h2 id="requests-title">${t('requests.title')}</h2>
        <p class="note">${t('requests.intro')}</p>
        <p role="status" data-testid="requests-status">${this.message}</p>
        ${this.work.error ? errorLine(this.work.error) : ''}
        ${this.requests.render({
          pending: () => html`<p>${t('app.loading')}</p>`,
          error: (err) => errorLine(errorText(err, t)),
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
              <button ?disabled=${this.work.busy} aria-label=${t('requests.approveLabel', { device: r.device })} @click=${() => this.approve(r)}>${t('requests.approve')}</button>
              <button class="quiet" ?disabled=${this.work.busy} aria-label=${t('requests.rejectLabel', { device: r.device })} @click=${() => { this.rejecting = r; this.work.say(''); }}>${t('requests.reject')}</button>
            </td>
          </tr>`)}</tbody>
      </table>`;
  }

  private rejectForm(r: EnrolRequest) {
    const { t } = this.ctx;
    return reasonForm({
      name: 'reject', title: t('requests.rejectTitle', { device: r.device }), confirm: t('requests.rejectConfirm'),
      busy: this.work.busy, submit: (reason) => this.reject(r, reason), cancel: () => { this.rejecting = null; },
    }, t);
  }

  private async approve(r: EnrolRequest): Promise<void> {
    await this.settle(r, `/device-requests/${r.store}/${encodeURIComponent(r.device)}/approve`, { keyId: r.keyId }, 'requests.approved');
    this.dispatchEvent(new CustomEvent('devices-changed', { bubbles: true, composed: true, detail: { store: r.store } }));
  }

  private async reject(r: EnrolRequest, reason: string | null): Promise<void> {
    if (reason === null) return this.work.say(this.ctx.t('acct.errReason'));
    await this.settle(r, `/device-requests/${r.store}/${encodeURIComponent(r.device)}/reject`, { keyId: r.keyId, reason }, 'requests.rejected');
    this.rejecting = null;
  }

  private async settle(r: EnrolRequest, path: string, body: unknown, done: 'requests.approved' | 'requests.rejected'): Promise<void> {
    const { t } = this.ctx;
    await this.work.run(async () => {
      await this.ctx.api.request('POST', path, body);
      this.message = t(done, { device: r.device });
    }, (err) => (err instanceof ApiError && (err.status === 404 || err.status === 409) ? t('requests.gone') : errorText(err, t)));
    await this.requests.run();
  }
}

declare global {
  interface HTMLElementTagNameMap { 'enrol-requests': EnrolRequests }
}

// One store's enrolled tills (GET /api/devices?store=…, a page at a time), a row per key: its
// fingerprint, status, when and by whom it was enrolled, and its revocation. Revoking asks for a
// confirmation and a reason (POST /api/devices/:store/:device/keys/:keyId/revoke, audited).
// It follows `device.key` events live.
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { fingerprint, reasonOf } from '../services/account-form.js';
import { consoleContext, type ConsoleContext } from '../services/console-context.js';
import { listen } from '../services/live-events.js';
import { errorText } from './error-text.js';
import { panelStyles } from './panel-styles.js';
import { shared, when } from './shared-styles.js';

interface Key { keyId: string; status: 'active' | 'retired' | 'revoked'; addedAt: string; addedBy?: string; revokedAt?: string; revokedBy?: string; revokeReason?: string }
interface DeviceDoc { store: string; device: string; keys: Key[]; updatedBy: string }
interface Page { devices: DeviceDoc[]; next: string | null }

const PAGE = 50;

@customElement('device-list')
export class DeviceList extends LitElement {
  static override styles = [shared, panelStyles];

  @consume({ context: consoleContext, subscribe: true }) ctx!: ConsoleContext;
  /** The store whose tills are listed. */
  @property() store = '';
  /** Bumped by the page when a till was enrolled elsewhere: the list is read again. */
  @property({ type: Number }) version = 0;
  @state() private more: DeviceDoc[] = [];
  @state() private next: string | null = null;
  @state() private revoking: { device: string; keyId: string } | null = null;
  @state() private message = '';
  @state() private problem = '';
  @state() private busy = false;

  private close: (() => void) | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    // A key enrolled, rotated or revoked anywhere: this store's list follows without a reload.
    this.close = listen(['device.key'], (e) => {
      if (e.data.store === this.store) void this.first.run();
    });
  }

  override disconnectedCallback(): void {
    this.close?.();
    super.disconnectedCallback();
  }

  private readonly first = new Task(this, {
    task: async ([store]) => {
      const page = await this.ctx.api.request<Page>('GET', `/devices?store=${encodeURIComponent(store)}&limit=${PAGE}`);
      this.more = [];
      this.next = page.next;
      return page.devices;
    },
    args: () => [this.store, this.version] as const,
  });

  override render() {
    const { t } = this.ctx;
    return html`
      <section aria-labelledby="devices-title">
        <h2 id="devices-title">${t('devices.title')}</h2>
        <p role="status" data-testid="devices-status">${this.message}</p>
        ${this.problem ? html`<p class="error" role="alert">${this.problem}</p>` : ''}
        ${this.first.render({
          pending: () => html`<p>${t('app.loading')}</p>`,
          error: (err) => html`<p class="error" role="alert">${errorText(err, t)}</p>`,
          complete: (devices) => this.table([...devices, ...this.more]),
        })}
        ${this.next === null ? '' : html`<p><button class="quiet" ?disabled=${this.busy} @click=${this.loadMore}>${t('accounts.more')}</button></p>`}
        ${this.revoking ? this.revokeForm(this.revoking) : ''}
      </section>`;
  }

  private table(devices: DeviceDoc[]) {
    const { t, locale } = this.ctx;
    if (devices.length === 0) return html`<p>${t('devices.empty')}</p>`;
    const rows = devices.flatMap((d) => d.keys.map((k) => ({ d, k })));
    return html`
      <table data-testid="devices">
        <thead><tr>
          <th scope="col">${t('devices.device')}</th><th scope="col">${t('devices.keyId')}</th><th scope="col">${t('devices.status')}</th>
          <th scope="col">${t('devices.added')}</th><th scope="col">${t('devices.revokedInfo')}</th><th scope="col">${t('devices.actions')}</th>
        </tr></thead>
        <tbody>${rows.map(({ d, k }) => html`
          <tr data-testid="device-row" data-device=${d.device} data-key=${k.keyId} data-status=${k.status}>
            <td>${d.device}${d.device === 'central' ? html`<br /><span class="note">${t('devices.central')}</span>` : ''}</td>
            <td><code>${fingerprint(k.keyId)}</code></td>
            <td class=${k.status === 'revoked' ? 'revoked' : ''}>${t(`devices.status.${k.status}`)}</td>
            <td>${when(k.addedAt, locale)}${k.addedBy ? html`<br /><span class="note">${t('devices.by', { who: k.addedBy })}</span>` : ''}</td>
            <td>${k.status === 'revoked' ? html`${when(k.revokedAt, locale)} ${k.revokedBy ? t('devices.by', { who: k.revokedBy }) : ''}${k.revokeReason ? html`<br /><span class="note">${k.revokeReason}</span>` : ''}` : t('accounts.none')}</td>
            <td class="actions">${k.status === 'revoked' || d.device === 'central' ? '' : html`
              <button class="quiet" ?disabled=${this.busy} aria-label=${t('devices.revokeLabel', { key: fingerprint(k.keyId), device: d.device })}
                @click=${() => { this.revoking = { device: d.device, keyId: k.keyId }; this.problem = ''; }}>${t('devices.revoke')}</button>`}</td>
          </tr>`)}</tbody>
      </table>`;
  }

  private revokeForm(target: { device: string; keyId: string }) {
    const { t } = this.ctx;
    const names = { key: fingerprint(target.keyId), device: target.device };
    return html`
      <form class="panel danger" aria-labelledby="revoke-title" @submit=${this.revoke}>
        <h3 id="revoke-title">${t('devices.revokeTitle', names)}</h3>
        <p>${t('devices.revokeWarn')}</p>
        <label>${t('accounts.reason')} <textarea name="reason" rows="2" maxlength="500" required data-testid="revoke-reason"></textarea></label>
        <p class="buttons">
          <button type="submit" class="danger" ?disabled=${this.busy} data-testid="revoke-confirm">${t('devices.revokeConfirm')}</button>
          <button type="button" class="quiet" @click=${() => { this.revoking = null; }}>${t('accounts.cancel')}</button>
        </p>
      </form>`;
  }

  private async revoke(e: Event): Promise<void> {
    e.preventDefault();
    const { t } = this.ctx;
    const target = this.revoking;
    const reason = reasonOf(new FormData(e.target as HTMLFormElement).get('reason')?.toString() ?? '');
    if (target === null) return;
    if (reason === null) {
      this.problem = t('acct.errReason');
      return;
    }
    this.busy = true;
    try {
      await this.ctx.api.request('POST', `/devices/${this.store}/${encodeURIComponent(target.device)}/keys/${encodeURIComponent(target.keyId)}/revoke`, { reason });
      this.message = t('devices.revoked', { key: fingerprint(target.keyId), device: target.device });
      this.revoking = null;
      this.problem = '';
    } catch (err) {
      this.problem = errorText(err, t);
    } finally {
      this.busy = false;
      await this.first.run();
    }
  }

  private async loadMore(): Promise<void> {
    if (this.next === null) return;
    this.busy = true;
    try {
      const page = await this.ctx.api.request<Page>('GET', `/devices?store=${encodeURIComponent(this.store)}&limit=${PAGE}&after=${encodeURIComponent(this.next)}`);
      this.more = [...this.more, ...page.devices];
      this.next = page.next;
    } catch (err) {
      this.problem = errorText(err, this.ctx.t);
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap { 'device-list': DeviceList }
}

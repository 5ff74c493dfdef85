// One store's enrolled tills (GET /api/devices?store=…, a page at a time), a row per key: its
// fingerprint, status, when and by whom it was enrolled, and its revocation. Revoking asks for a
// confirmation and a reason (POST /api/devices/:store/:device/keys/:keyId/revoke, audited).
// It follows `device.key` events live.
import { consume } from '@lit/context';
import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ActionController } from '../controllers/action-controller.js';
import { LiveEventsController } from '../controllers/live-events-controller.js';
import { PagedListController } from '../controllers/paged-list-controller.js';
import { fingerprint } from '../services/account-form.js';
import { consoleContext, type ConsoleContext } from '../services/console-context.js';
import { errorLine, errorText } from './error-text.js';
import { panelStyles } from './panel-styles.js';
import { reasonForm } from './reason-form.js';
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
  @state() private revoking: { device: string; keyId: string } | null = null;
  @state() private message = '';
  private readonly work = new ActionController(this, () => this.ctx.t);

  private readonly devices = new PagedListController(this, async ([store]: readonly [string, number], after) => {
    const page = await this.ctx.api.request<Page>('GET', `/devices?store=${encodeURIComponent(store)}&limit=${PAGE}${after === null ? '' : `&after=${encodeURIComponent(after)}`}`);
    return { items: page.devices, next: page.next };
  }, () => [this.store, this.version] as const);

  // A key enrolled, rotated or revoked anywhere: this store's list follows without a reload.
  private readonly live = new LiveEventsController(this, ['device.key'], (e) => {
    if (e.data.store === this.store) void this.devices.reload();
  });

  override render() {
    const { t } = this.ctx;
    return html`
      <section aria-labelledby="devices-title">
        <h2 id="devices-title">${t('devices.title')}</h2>
        <p role="status" data-testid="devices-status">${this.message}</p>
        ${this.work.error ? errorLine(this.work.error) : ''}
        ${this.devices.first.render({
          pending: () => html`<p>${t('app.loading')}</p>`,
          error: (err) => errorLine(errorText(err, t)),
          complete: () => this.table(this.devices.rows),
        })}
        ${this.devices.next === null ? '' : html`<p><button class="quiet" ?disabled=${this.work.busy} @click=${() => this.work.run(() => this.devices.loadMore())}>${t('accounts.more')}</button></p>`}
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
              <button class="quiet" ?disabled=${this.work.busy} aria-label=${t('devices.revokeLabel', { key: fingerprint(k.keyId), device: d.device })}
                @click=${() => { this.revoking = { device: d.device, keyId: k.keyId }; this.work.say(''); }}>${t('devices.revoke')}</button>`}</td>
          </tr>`)}</tbody>
      </table>`;
  }

  private revokeForm(target: { device: string; keyId: string }) {
    const { t } = this.ctx;
    const names = { key: fingerprint(target.keyId), device: target.device };
    return reasonForm({
      name: 'revoke', title: t('devices.revokeTitle', names), warning: t('devices.revokeWarn'), confirm: t('devices.revokeConfirm'), danger: true,
      busy: this.work.busy, submit: (reason) => this.revoke(target, reason), cancel: () => { this.revoking = null; },
    }, t);
  }

  private async revoke(target: { device: string; keyId: string }, reason: string | null): Promise<void> {
    const { t } = this.ctx;
    if (reason === null) return this.work.say(t('acct.errReason'));
    await this.work.run(async () => {
      await this.ctx.api.request('POST', `/devices/${this.store}/${encodeURIComponent(target.device)}/keys/${encodeURIComponent(target.keyId)}/revoke`, { reason });
      this.message = t('devices.revoked', { key: fingerprint(target.keyId), device: target.device });
      this.revoking = null;
    });
    await this.devices.reload();
  }
}

declare global {
  interface HTMLElementTagNameMap { 'device-list': DeviceList }
}

// Under the status bar, only when there is something to act on: the browser refused persistent
// storage (it may evict unsynced sales), or the device clock is off central's by more than
// settings:pos allows. The same facts reach central in the till's status report.

import { LitElement, css, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { TillController } from '../controllers/till-controller.js';
import { formatOffset } from '../format.js';
import { t } from '../i18n/locale.js';

@customElement('pos-till-warnings')
export class PosTillWarnings extends LitElement {
  static override styles = css`
    :host { display: block; }
    p { margin: 0; padding: 0.5rem 1.25rem; background: #fff4d6; color: #5c3b00; border-bottom: 1px solid #e8cf8a; font-size: 0.95rem; }
  `;

  private readonly till = new TillController(this);
  private readonly i18n = new LocaleController(this);

  override render() {
    const { warnings } = this.till.snapshot;
    const storage = warnings.storagePersisted === false;
    const clock = warnings.clockSkewed && warnings.clockOffsetMs !== undefined;
    if (!storage && !clock) return nothing;
    return html`
      ${clock ? html`<p role="alert" data-testid="clock-warning">${t('warn.clock', { offset: formatOffset(warnings.clockOffsetMs!) })}</p>` : nothing}
      ${storage ? html`<p role="status" data-testid="storage-warning">${t('warn.storage')}</p>` : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pos-till-warnings': PosTillWarnings;
  }
}

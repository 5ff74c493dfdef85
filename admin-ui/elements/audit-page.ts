// The audit trail: the latest entries (GET /api/audit?limit=100) and a button that verifies the
// whole hash chain (GET /api/audit/verify), showing the result and the first broken link.
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { LitElement, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { consoleContext, type ConsoleContext } from '../services/console-context.js';
import { errorText } from './error-text.js';
import { shared, when } from './shared-styles.js';

interface AuditEntry { _id: string; seq: number; at: string; actor: string; action: string; target?: string }
type ChainReport = { ok: true; entries: number } | { ok: false; entries: number; broken: { seq: number; id: string; reason: string } };

@customElement('audit-page')
export class AuditPage extends LitElement {
  static override styles = [shared];

  @consume({ context: consoleContext, subscribe: true }) ctx!: ConsoleContext;
  @state() private verifying = false;

  private readonly entries = new Task(this, {
    task: () => this.ctx.api.request<{ entries: AuditEntry[] }>('GET', '/audit?limit=100'),
    args: () => [],
  });

  private readonly verify = new Task(this, {
    task: () => this.ctx.api.request<ChainReport>('GET', '/audit/verify'),
    autoRun: false,
  });

  private async runVerify(): Promise<void> {
    this.verifying = true;
    // A failed verification does not reject: the task keeps the error and render() shows it.
    try {
      await this.verify.run();
    } finally {
      this.verifying = false;
    }
  }

  override render() {
    const { t } = this.ctx;
    return html`
      <h1>${t('audit.title')}</h1>
      <p>
        <button data-testid="verify" ?disabled=${this.verifying} @click=${this.runVerify}>${this.verifying ? t('audit.verifying') : t('audit.verify')}</button>
      </p>
      <div role="status" data-testid="verify-result">${this.verify.render({
        complete: (r) => r.ok
          ? html`<p data-ok="true">${t('audit.ok', { entries: r.entries })}</p>`
          : html`<p class="error" data-ok="false">${t('audit.broken', { seq: r.broken.seq, id: r.broken.id, reason: r.broken.reason })}</p>`,
        error: (err) => html`<p class="error">${errorText(err, t)}</p>`,
      })}</div>
      ${this.entries.render({
        pending: () => html`<p>${t('app.loading')}</p>`,
        complete: ({ entries }) => this.table(entries),
        error: (err) => html`<p class="error" role="alert">${errorText(err, t)}</p>`,
      })}`;
  }

  private table(entries: AuditEntry[]) {
    const { t, locale } = this.ctx;
    if (entries.length === 0) return html`<p>${t('audit.empty')}</p>`;
    return html`
      <table data-testid="audit">
        <thead><tr><th scope="col">${t('audit.seq')}</th><th scope="col">${t('audit.when')}</th><th scope="col">${t('audit.actor')}</th><th scope="col">${t('audit.action')}</th><th scope="col">${t('audit.target')}</th></tr></thead>
        <tbody>${entries.map((e) => html`<tr data-testid="audit-row"><td>${e.seq}</td><td>${when(e.at, locale)}</td><td>${e.actor}</td><td>${e.action}</td><td>${e.target ?? '—'}</td></tr>`)}</tbody>
      </table>`;
  }
}

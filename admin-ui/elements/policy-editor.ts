// The conflict policy section: loads the policy (GET /api/config/conflict-policy), edits a
// draft (default strategy here; per-type strategies and field rules in policy-types-editor,
// validation rules in policy-rules-editor), checks it as it changes (services/policy-edit),
// previews it against the conflicts now waiting (policy-preview), and saves it (PUT, audited by
// central with before and after). A refusal from the server shows next to the field it names.
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import type { ConflictPolicy, Strategy } from '../../validators/types.js';
import type { MessageKey } from '../i18n/translate.js';
import { ApiError } from '../services/api.js';
import { consoleContext, type ConsoleContext } from '../services/console-context.js';
import { checkPolicy, refusedPath, setDefault, STRATEGIES } from '../services/policy-edit.js';
import { errorLine, errorText } from './error-text.js';
import { settingsStyles } from './settings-styles.js';
import { shared } from './shared-styles.js';
import './policy-types-editor.js';
import './policy-rules-editor.js';
import './policy-preview.js';

@customElement('policy-editor')
export class PolicyEditor extends LitElement {
  static override styles = [shared, settingsStyles];

  @consume({ context: consoleContext, subscribe: true }) ctx!: ConsoleContext;
  @state() private draft: ConflictPolicy | undefined;
  /** The draft the preview shows (set by the Preview button). */
  @state() private previewed: ConflictPolicy | undefined;
  @state() private refused: { path: string; message: string } | undefined;
  @state() private message: { kind: 'saved' | 'error'; text: string } | undefined;
  @state() private saving = false;
  /** Bumped by "discard": the sub-editors start afresh (half-typed new rows too). */
  @state() private resets = 0;

  private readonly load = new Task(this, {
    task: async () => {
      const { policy } = await this.ctx.api.request<{ policy: ConflictPolicy }>('GET', '/config/conflict-policy');
      this.draft = policy;
      return policy;
    },
    args: () => [],
  });

  /** Client-side problems, then the server's refusal, translated, by path. */
  private problems(): Record<string, string> {
    const { t } = this.ctx;
    const out: Record<string, string> = {};
    if (this.refused) out[this.refused.path] = t('settings.refused', { message: this.refused.message });
    for (const [path, problem] of Object.entries(this.draft ? checkPolicy(this.draft) : {})) out[path] = t(`settings.problem.${problem}`);
    return out;
  }

  private edit(policy: ConflictPolicy): void {
    this.draft = policy;
    this.refused = undefined;
    this.message = undefined;
  }

  private async save(): Promise<void> {
    const { t } = this.ctx;
    if (!this.draft) return;
    if (Object.keys(checkPolicy(this.draft)).length > 0) {
      this.message = { kind: 'error', text: t('settings.fixFirst') };
      return;
    }
    this.saving = true;
    try {
      await this.ctx.api.request('PUT', '/config/conflict-policy', { policy: this.draft });
      this.message = { kind: 'saved', text: t('settings.saved') };
      await this.load.run();
    } catch (err) {
      const path = err instanceof ApiError && err.status === 400 ? refusedPath(err.message, 'policy') : undefined;
      if (path !== undefined && err instanceof ApiError) this.refused = { path, message: err.message };
      this.message = { kind: 'error', text: path !== undefined ? t('settings.fixFirst') : errorText(err, t) };
    } finally {
      this.saving = false;
    }
  }

  override render() {
    const { t } = this.ctx;
    return html`
      <section aria-labelledby="policy-title" data-testid="settings-policy" @policy-change=${(e: CustomEvent<ConflictPolicy>) => this.edit(e.detail)}>
        <h2 id="policy-title">${t('settings.policy.title')}</h2>
        <p class="note">${t('settings.policy.intro')}</p>
        ${this.load.render({
          pending: () => html`<p>${t('app.loading')}</p>`,
          complete: () => this.editor(),
          error: (err) => errorLine(errorText(err, t)),
        })}
      </section>`;
  }

  private editor() {
    const { t } = this.ctx;
    const draft = this.draft;
    if (!draft) return nothing;
    const problems = this.problems();
    const invalid = Object.keys(problems).length > 0;
    return html`
      <div class="row">
        <label for="default-strategy" class="hint-label">${t('settings.policy.default')}</label>
        <select id="default-strategy" data-testid="default-strategy" aria-describedby="default-problem"
          @change=${(e: Event) => this.edit(setDefault(draft, (e.target as HTMLSelectElement).value as Strategy))}>
          ${STRATEGIES.map((s) => html`<option value=${s} ?selected=${draft.default === s}>${t(`settings.strategy.${s}` as MessageKey)}</option>`)}
        </select>
        <span class="problem" id="default-problem">${problems.default ?? nothing}</span>
      </div>
      ${keyed(this.resets, html`<policy-types-editor .policy=${draft} .problems=${problems}></policy-types-editor>`)}
      <policy-rules-editor .policy=${draft} .problems=${problems}></policy-rules-editor>
      <div class="actions">
        <button class="quiet" data-testid="preview-policy" ?disabled=${invalid} @click=${() => { this.previewed = draft; }}>${t('settings.policy.preview')}</button>
        <button data-testid="save-policy" ?disabled=${this.saving} @click=${this.save}>${this.saving ? t('settings.saving') : t('settings.save')}</button>
        <button class="quiet" data-testid="reset-policy" @click=${() => { this.edit(this.load.value ?? draft); this.previewed = undefined; this.resets += 1; }}>${t('settings.reset')}</button>
        <span role="status" data-testid="message-policy" class=${this.message?.kind === 'saved' ? 'saved' : 'error'}>${this.message?.text ?? ''}</span>
      </div>
      ${this.previewed && this.previewed !== draft ? html`<p class="note" data-testid="preview-stale">${t('settings.preview.stale')}</p>` : nothing}
      <policy-preview .policy=${this.previewed}></policy-preview>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'policy-editor': PolicyEditor }
}

// One published setting as a form of numbers: settings:pos or settings:sync (GET/PUT
// /api/config/<key>). Each field is checked as it is typed against the settings schema's bounds
// (services/settings-values); a value the server still refuses is shown next to the field its
// 400 names, and nothing is saved.
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { MessageKey } from '../i18n/translate.js';
import { ApiError } from '../services/api.js';
import { consoleContext, type ConsoleContext } from '../services/console-context.js';
import { refusedPath } from '../services/policy-edit.js';
import { parseValues, typedOf, VALUE_FIELDS, type SettingsKey, type ValueField, type ValueProblem } from '../services/settings-values.js';
import { errorLine, errorText } from './error-text.js';
import { settingsStyles } from './settings-styles.js';
import { shared, when } from './shared-styles.js';

interface Stored { value?: Record<string, unknown>; updatedAt?: string; updatedBy?: string }

@customElement('settings-values-form')
export class SettingsValuesForm extends LitElement {
  static override styles = [shared, settingsStyles];

  /** Which setting this form edits. */
  @property({ attribute: 'settings-key' }) settingsKey: SettingsKey = 'pos';
  @consume({ context: consoleContext, subscribe: true }) ctx!: ConsoleContext;
  @state() private typed: Record<string, string> = {};
  @state() private refused: { field: string; message: string } | undefined;
  @state() private message: { kind: 'saved' | 'error'; text: string } | undefined;
  @state() private saving = false;

  private readonly load = new Task(this, {
    task: async ([key]) => {
      const stored = await this.ctx.api.request<Stored>('GET', `/config/${key}`);
      this.typed = Object.fromEntries(VALUE_FIELDS[key].map((f) => [f.key, typedOf(f, stored.value?.[f.key])]));
      return stored;
    },
    args: () => [this.settingsKey] as const,
  });

  private get problems(): Record<string, ValueProblem> {
    return parseValues(this.settingsKey, this.typed).problems;
  }

  private async save(event: Event): Promise<void> {
    event.preventDefault();
    const { t } = this.ctx;
    const { value } = parseValues(this.settingsKey, this.typed);
    this.refused = undefined;
    if (!value) {
      this.message = { kind: 'error', text: t('settings.fixFirst') };
      return;
    }
    this.saving = true;
    try {
      await this.ctx.api.request('PUT', `/config/${this.settingsKey}`, { value });
      this.message = { kind: 'saved', text: t('settings.saved') };
      await this.load.run();
    } catch (err) {
      const field = err instanceof ApiError && err.status === 400 ? refusedPath(err.message, 'value') : undefined;
      if (field !== undefined && err instanceof ApiError) this.refused = { field, message: err.message };
      this.message = { kind: 'error', text: field !== undefined ? t('settings.fixFirst') : errorText(err, t) };
    } finally {
      this.saving = false;
    }
  }

  override render() {
    const { t } = this.ctx;
    const k = this.settingsKey;
    return html`
      <section aria-labelledby="title-${k}" data-testid="settings-${k}">
        <h2 id="title-${k}">${t(`settings.${k}.title` as MessageKey)}</h2>
        <p class="note">${t(`settings.${k}.intro` as MessageKey)}</p>
        ${this.load.render({
          pending: () => html`<p>${t('app.loading')}</p>`,
          complete: (stored) => this.form(stored),
          error: (err) => errorLine(errorText(err, t)),
        })}
      </section>`;
  }

  private form(stored: Stored) {
    const { t, locale } = this.ctx;
    const problems = this.problems;
    return html`
      <p class="note" data-testid="last-change">${stored.updatedBy ? t('settings.lastChange', { who: stored.updatedBy, when: when(stored.updatedAt, locale) }) : t('settings.neverChanged')}</p>
      <form novalidate @submit=${this.save}>
        ${VALUE_FIELDS[this.settingsKey].map((f) => this.field(f, problems[f.key]))}
        <div class="actions">
          <button type="submit" data-testid="save-${this.settingsKey}" ?disabled=${this.saving}>${this.saving ? t('settings.saving') : t('settings.save')}</button>
          <span role="status" data-testid="message-${this.settingsKey}" class=${this.message?.kind === 'saved' ? 'saved' : 'error'}>${this.message?.text ?? ''}</span>
        </div>
      </form>`;
  }

  private field(f: ValueField, problem: ValueProblem | undefined) {
    const { t } = this.ctx;
    const id = `${this.settingsKey}-${f.key}`;
    const server = this.refused?.field === f.key ? t('settings.refused', { message: this.refused.message }) : undefined;
    const text = problem ? this.problemText(problem) : server;
    return html`
      <div class="field">
        <label for=${id}>${t(`settings.${this.settingsKey}.${f.key}` as MessageKey)}</label>
        <div>
          <input id=${id} name=${f.key} inputmode="decimal" autocomplete="off" data-testid=${`input-${f.key}`}
            .value=${this.typed[f.key] ?? ''} placeholder=${String(f.fallback / f.scale)}
            aria-invalid=${text ? 'true' : 'false'} aria-describedby="${id}-hint ${id}-problem"
            @input=${(e: Event) => { this.typed = { ...this.typed, [f.key]: (e.target as HTMLInputElement).value }; this.message = undefined; if (this.refused?.field === f.key) this.refused = undefined; }}>
          <span class="hint" id="${id}-hint">${t('settings.defaultIs', { value: f.fallback / f.scale })}</span>
          <span class="problem" id="${id}-problem" data-testid=${`problem-${f.key}`}>${text ?? nothing}</span>
        </div>
      </div>`;
  }

  private problemText(p: ValueProblem): string {
    const { t } = this.ctx;
    if (p.problem === 'min' || p.problem === 'max') return t(`settings.problem.${p.problem}`, { limit: p.limit });
    return t(`settings.problem.${p.problem}`);
  }
}

declare global {
  interface HTMLElementTagNameMap { 'settings-values-form': SettingsValuesForm }
}

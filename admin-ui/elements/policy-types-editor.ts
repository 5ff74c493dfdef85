// The conflict policy's per-type part: for each type whose documents can conflict, a strategy
// (or the default) and its field rules (field-merge), each editable, with a row to add one.
// Pure view of `policy`: every edit is a `policy-change` event with the new policy.
import { consume } from '@lit/context';
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ConflictPolicy, DocType, FieldRule, Strategy } from '../../validators/types.js';
import type { MessageKey } from '../i18n/translate.js';
import { consoleContext, type ConsoleContext } from '../services/console-context.js';
import { EDITABLE_TYPES, FIELD_RULES, STRATEGIES, newFieldProblem, setFieldRule, setStrategy } from '../services/policy-edit.js';
import { settingsStyles } from './settings-styles.js';
import { shared } from './shared-styles.js';

type TypePolicy = { strategy: Strategy; fields?: Record<string, FieldRule> };

@customElement('policy-types-editor')
export class PolicyTypesEditor extends LitElement {
  static override styles = [shared, settingsStyles];

  @property({ attribute: false }) policy!: ConflictPolicy;
  /** Translated problems by path (`types/product/fields/price`). */
  @property({ attribute: false }) problems: Record<string, string> = {};
  @consume({ context: consoleContext, subscribe: true }) ctx!: ConsoleContext;
  /** The "add a field rule" row of each type, as typed. */
  @state() private adding: Record<string, { name: string; rule: FieldRule; tried: boolean }> = {};

  private change(policy: ConflictPolicy): void {
    this.dispatchEvent(new CustomEvent<ConflictPolicy>('policy-change', { detail: policy, bubbles: true, composed: true }));
  }

  override render() {
    const { t } = this.ctx;
    return html`
      <table data-testid="policy-types">
        <thead><tr><th scope="col">${t('settings.policy.type')}</th><th scope="col">${t('settings.policy.strategy')}</th><th scope="col">${t('settings.policy.fields')}</th></tr></thead>
        <tbody>${EDITABLE_TYPES.map((type) => this.row(type))}</tbody>
      </table>`;
  }

  private row(type: DocType) {
    const { t } = this.ctx;
    const tp = (this.policy.types as Record<string, TypePolicy | undefined> | undefined)?.[type];
    const path = `types/${type}/strategy`;
    return html`
      <tr data-testid="policy-type" data-type=${type}>
        <th scope="row"><label for="strategy-${type}">${type}</label></th>
        <td>
          <select id="strategy-${type}" data-testid="strategy-${type}" aria-invalid=${this.problems[path] ? 'true' : 'false'} aria-describedby="strategy-${type}-problem"
            @change=${(e: Event) => { const v = (e.target as HTMLSelectElement).value; this.change(setStrategy(this.policy, type, v === '' ? undefined : v as Strategy)); }}>
            <option value="" ?selected=${!tp}>${t('settings.policy.followsDefault', { strategy: this.policy.default })}</option>
            ${STRATEGIES.map((s) => html`<option value=${s} ?selected=${tp?.strategy === s}>${t(`settings.strategy.${s}` as MessageKey)}</option>`)}
          </select>
          <span class="problem" id="strategy-${type}-problem">${this.problems[path] ?? nothing}</span>
        </td>
        <td>${this.fields(type, tp)}</td>
      </tr>`;
  }

  private fields(type: DocType, tp: TypePolicy | undefined) {
    const { t } = this.ctx;
    const fields = Object.entries(tp?.fields ?? {});
    return html`
      ${fields.length === 0 ? html`<p class="note">${t('settings.policy.noFields')}</p>` : html`
        <ul class="fields">${fields.map(([field, rule]) => {
          const path = `types/${type}/fields/${field}`;
          const id = `rule-${type}-${field}`;
          return html`<li>
            <label for=${id}><code>${field}</code></label>
            <select id=${id} aria-label=${t('settings.policy.fieldRule', { field, type })} aria-describedby="${id}-problem"
              @change=${(e: Event) => this.change(setFieldRule(this.policy, type, field, (e.target as HTMLSelectElement).value as FieldRule))}>
              ${FIELD_RULES.map((r) => html`<option value=${r} ?selected=${r === rule}>${t(`settings.rule.${r}` as MessageKey)}</option>`)}
            </select>
            <button class="quiet small" aria-label=${t('settings.policy.removeField', { field, type })} @click=${() => this.change(setFieldRule(this.policy, type, field, undefined))}>✕</button>
            <span class="problem" id="${id}-problem">${this.problems[path] ?? nothing}</span>
          </li>`;
        })}</ul>`}
      ${this.addRow(type)}`;
  }

  private addRow(type: DocType) {
    const { t } = this.ctx;
    const row = this.adding[type] ?? { name: '', rule: 'lww' as FieldRule, tried: false };
    const problem = row.tried || row.name !== '' ? newFieldProblem(this.policy, type, row.name) : null;
    const shown = problem === 'required' && !row.tried ? null : problem;
    const set = (patch: Partial<typeof row>) => { this.adding = { ...this.adding, [type]: { ...row, ...patch } }; };
    const add = () => {
      if (newFieldProblem(this.policy, type, row.name) !== null) return set({ tried: true });
      this.change(setFieldRule(this.policy, type, row.name, row.rule));
      set({ name: '', tried: false });
    };
    return html`
      <div class="row">
        <input id="new-field-${type}" data-testid="new-field-${type}" size="12" .value=${row.name} aria-label=${t('settings.policy.fieldName', { type })}
          aria-invalid=${shown ? 'true' : 'false'} aria-describedby="new-field-${type}-problem" @input=${(e: Event) => set({ name: (e.target as HTMLInputElement).value.trim() })}>
        <select aria-label=${t('settings.policy.newFieldRule', { type })} @change=${(e: Event) => set({ rule: (e.target as HTMLSelectElement).value as FieldRule })}>
          ${FIELD_RULES.map((r) => html`<option value=${r} ?selected=${r === row.rule}>${t(`settings.rule.${r}` as MessageKey)}</option>`)}
        </select>
        <button class="quiet small" data-testid="add-field-${type}" @click=${add}>${t('settings.policy.addField')}</button>
      </div>
      <span class="problem" id="new-field-${type}-problem" data-testid="new-field-${type}-problem">${shown ? t(`settings.problem.${shown}`) : nothing}</span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'policy-types-editor': PolicyTypesEditor }
}

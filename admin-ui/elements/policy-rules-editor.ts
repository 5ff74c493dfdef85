// The conflict policy's validation rules (`rules`: a field compared with another, e.g. product
// price >= cost): an automatic result that breaks one goes to an admin. Each rule editable in
// place, removable, and one more addable; every edit is a `policy-change` event.
import { consume } from '@lit/context';
import { LitElement, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ConflictPolicy, DocType } from '../../validators/types.js';
import type { MessageKey } from '../i18n/translate.js';
import { consoleContext, type ConsoleContext } from '../services/console-context.js';
import { ALL_TYPES, RULE_OPS, addRule, removeRule, rulesOf, setRule, type PolicyRule, type RuleOp } from '../services/policy-edit.js';
import { settingsStyles } from './settings-styles.js';
import { shared } from './shared-styles.js';

@customElement('policy-rules-editor')
export class PolicyRulesEditor extends LitElement {
  static override styles = [shared, settingsStyles];

  @property({ attribute: false }) policy!: ConflictPolicy;
  /** Translated problems by path (`rules/0/other`). */
  @property({ attribute: false }) problems: Record<string, string> = {};
  @consume({ context: consoleContext, subscribe: true }) ctx!: ConsoleContext;

  private change(policy: ConflictPolicy): void {
    this.dispatchEvent(new CustomEvent<ConflictPolicy>('policy-change', { detail: policy, bubbles: true, composed: true }));
  }

  override render() {
    const { t } = this.ctx;
    const rules = rulesOf(this.policy);
    return html`
      <h3>${t('settings.policy.rules')}</h3>
      <p class="note">${t('settings.policy.rulesIntro')}</p>
      ${rules.length === 0 ? html`<p class="note">${t('settings.policy.noRules')}</p>` : html`
        <ul class="fields" data-testid="policy-rules">${rules.map((r, i) => this.rule(r, i))}</ul>`}
      <button class="quiet small" data-testid="add-rule" @click=${() => this.change(addRule(this.policy))}>${t('settings.policy.addRule')}</button>`;
  }

  private rule(r: PolicyRule, i: number) {
    const { t } = this.ctx;
    const n = i + 1;
    const set = (patch: Partial<PolicyRule>) => this.change(setRule(this.policy, i, patch));
    const text = (key: 'field' | 'other') => {
      const path = `rules/${i}/${key}`;
      return html`<input size="10" data-testid="rule-${i}-${key}" .value=${r[key]} aria-invalid=${this.problems[path] ? 'true' : 'false'}
        aria-label=${t(key === 'field' ? 'settings.policy.ruleField' : 'settings.policy.ruleOther', { n })} aria-describedby="rule-${i}-problem"
        @input=${(e: Event) => set({ [key]: (e.target as HTMLInputElement).value.trim() })}>`;
    };
    const problems = ['type', 'field', 'op', 'other'].map((k) => this.problems[`rules/${i}/${k}`]).filter((p) => p !== undefined);
    return html`<li data-testid="policy-rule">
      <select aria-label=${t('settings.policy.ruleType', { n })} @change=${(e: Event) => set({ type: (e.target as HTMLSelectElement).value as DocType })}>
        ${ALL_TYPES.map((type) => html`<option value=${type} ?selected=${type === r.type}>${type}</option>`)}
      </select>
      ${text('field')}
      <select aria-label=${t('settings.policy.ruleOp', { n })} @change=${(e: Event) => set({ op: (e.target as HTMLSelectElement).value as RuleOp })}>
        ${RULE_OPS.map((op) => html`<option value=${op} ?selected=${op === r.op}>${t(`settings.op.${op}` as MessageKey)}</option>`)}
      </select>
      ${text('other')}
      <button class="quiet small" aria-label=${t('settings.policy.removeRule', { n })} @click=${() => this.change(removeRule(this.policy, i))}>✕</button>
      <span class="problem" id="rule-${i}-problem" data-testid="rule-${i}-problem">${problems.length > 0 ? problems.join(' ') : nothing}</span>
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'policy-rules-editor': PolicyRulesEditor }
}

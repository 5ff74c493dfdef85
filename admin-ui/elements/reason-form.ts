// The inline form that asks for a reason before an audited action (revoke a key, reject an
// enrolment): a title, an optional warning, the reason (1..500 characters, checked here before
// it is sent), confirm and cancel. A template, styled by panel-styles.
import { html } from 'lit';
import type { Translate } from '../i18n/translate.js';
import { reasonOf } from '../services/account-form.js';

export interface ReasonForm {
  /** Names the form's elements: `${name}-title`, and the test ids `${name}-reason`, `${name}-confirm`. */
  name: string;
  title: string;
  warning?: string;
  confirm: string;
  danger?: boolean;
  busy: boolean;
  /** Called with the trimmed reason, or with null when it is empty or too long. */
  submit(reason: string | null): void;
  cancel(): void;
}

export function reasonForm(f: ReasonForm, t: Translate) {
  const submit = (e: Event) => {
    e.preventDefault();
    f.submit(reasonOf(new FormData(e.target as HTMLFormElement).get('reason')?.toString() ?? ''));
  };
  return html`
    <form class="panel ${f.danger ? 'danger' : ''}" aria-labelledby="${f.name}-title" @submit=${submit}>
      <h3 id="${f.name}-title">${f.title}</h3>
      ${f.warning ? html`<p>${f.warning}</p>` : ''}
      <label>${t('accounts.reason')} <textarea name="reason" rows="2" maxlength="500" required data-testid="${f.name}-reason"></textarea></label>
      <p class="buttons">
        <button type="submit" class=${f.danger ? 'danger' : ''} ?disabled=${f.busy} data-testid="${f.name}-confirm">${f.confirm}</button>
        <button type="button" class="quiet" @click=${f.cancel}>${t('accounts.cancel')}</button>
      </p>
    </form>`;
}

// The settings page (admins only: the navigation hides it from store managers, and every
// /api/config route answers them 403): the conflict policy with its preview, the POS limits and
// the tills' sync settings, each section its own element and its own save, audited by central.
import { consume } from '@lit/context';
import { LitElement, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { consoleContext, type ConsoleContext } from '../services/console-context.js';
import { isChainAdmin } from '../services/roles.js';
import { errorLine } from './error-text.js';
import { shared } from './shared-styles.js';
import './policy-editor.js';
import './settings-values-form.js';

@customElement('settings-page')
export class SettingsPage extends LitElement {
  static override styles = [shared];

  @consume({ context: consoleContext, subscribe: true }) ctx!: ConsoleContext;

  override render() {
    const { t, user } = this.ctx;
    if (!isChainAdmin(user)) return html`<h1>${t('settings.title')}</h1>${errorLine(t('error.FORBIDDEN'))}`;
    return html`
      <h1>${t('settings.title')}</h1>
      <policy-editor></policy-editor>
      <settings-values-form settings-key="pos"></settings-values-form>
      <settings-values-form settings-key="sync"></settings-values-form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'settings-page': SettingsPage }
}

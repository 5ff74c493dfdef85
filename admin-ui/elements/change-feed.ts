// SCAFFOLD: the change-feed page; its helper replaces this file.
import { consume } from '@lit/context';
import { LitElement, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { consoleContext, type ConsoleContext } from '../services/console-context.js';
import { shared } from './shared-styles.js';

@customElement('change-feed')
export class ChangeFeed extends LitElement {
  static override styles = [shared];

  @consume({ context: consoleContext, subscribe: true }) ctx!: ConsoleContext;

  override render() {
    return html`<h1>${this.ctx.t('feed.title')}</h1>`;
  }
}

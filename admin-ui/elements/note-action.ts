// A note and the buttons that act with it (dismiss, accept, release): the note is required, the
// action runs through `run` (the owner's API call), and its refusal (a 409 saying why, a 403)
// is shown next to the buttons. Used by refusal-list and quarantine-list.
import { consume } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ActionController } from '../controllers/action-controller.js';
import type { MessageKey } from '../i18n/translate.js';
import { consoleContext, type ConsoleContext } from '../services/console-context.js';
import { errorLine } from './error-text.js';
import { shared } from './shared-styles.js';

export interface NoteAction { id: string; label: MessageKey; quiet?: boolean }

@customElement('note-action')
export class NoteActionElement extends LitElement {
  static override styles = [shared, css`
    .row { display: flex; flex-wrap: wrap; gap: 0.4rem; align-items: center; }
    input { min-width: 12rem; flex: 1; }
    .error { margin: 0.3rem 0 0; }
  `];

  @consume({ context: consoleContext, subscribe: true }) ctx!: ConsoleContext;
  /** What the note is about, for its label ("Nota para sale:s1:…"). */
  @property() subject = '';
  /** The buttons, in order. */
  @property({ attribute: false }) actions: readonly NoteAction[] = [];
  /** Runs an action with the note; a rejection is shown. */
  @property({ attribute: false }) run: (action: string, note: string) => Promise<void> = async () => undefined;
  @state() private note = '';
  private readonly work = new ActionController(this, () => this.ctx.t);

  private async act(action: string): Promise<void> {
    if (this.note.trim() === '') return this.work.say(this.ctx.t('tills.noteNeeded'));
    await this.work.run(() => this.run(action, this.note.trim()));
  }

  override render() {
    const { t } = this.ctx;
    return html`
      <div class="row">
        <input data-testid="note" aria-label=${t('tills.noteFor', { doc: this.subject })} placeholder=${t('tills.note')} maxlength="500"
          .value=${this.note} @input=${(e: Event) => { this.note = (e.target as HTMLInputElement).value; }}>
        ${this.actions.map((a) => html`<button class=${a.quiet ? 'quiet' : ''} data-action=${a.id} ?disabled=${this.work.busy} @click=${() => this.act(a.id)}>${t(a.label)}</button>`)}
      </div>
      ${errorLine(this.work.error, 'action-error')}`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'note-action': NoteActionElement }
}

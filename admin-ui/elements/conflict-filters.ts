// The conflict queue's filter form: status, store, and one of database, type and id search (the
// API takes one at a time). Emits `filter-change` with the new filter on submit; the queue puts it
// in the address so that other pages can link to a filtered queue.
import { consume } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { NO_FILTER, withFacet, type QueueFilter } from '../services/conflict-filter.js';
import { consoleContext, type ConsoleContext } from '../services/console-context.js';
import { shared } from './shared-styles.js';

/** Document types that can conflict (mutable master data). */
const TYPES = ['product', 'store', 'settings', 'customer', 'device', 'approver'] as const;

@customElement('conflict-filters')
export class ConflictFilters extends LitElement {
  static override styles = [shared, css`
    form { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: end; margin-bottom: 0.5rem; }
    label { display: flex; flex-direction: column; font-size: 0.85rem; gap: 0.2rem; }
    select { font: inherit; padding: 0.4rem; border: 1px solid #6b7785; border-radius: 0.4rem; background: #fff; }
    p.note { margin: 0 0 1rem; font-size: 0.85rem; }
  `];

  @consume({ context: consoleContext, subscribe: true }) ctx!: ConsoleContext;
  /** The filter shown. */
  @property({ attribute: false }) filter: QueueFilter = NO_FILTER;
  /** Store ids to choose from. */
  @property({ attribute: false }) stores: string[] = [];
  /** A store manager's own store: the only one offered. */
  @property({ attribute: false }) lockedStore: string | null = null;

  private submit(e: Event): void {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const get = (k: string) => String(data.get(k) ?? '');
    let next: QueueFilter = { ...NO_FILTER, status: get('status') === 'resolved' ? 'resolved' : 'pending', store: this.lockedStore ?? get('store') };
    // The field changed last wins when more than one is set: the form keeps one at a time.
    for (const facet of ['q', 'type', 'db'] as const) if (get(facet).trim()) next = withFacet(next, facet, get(facet));
    this.dispatchEvent(new CustomEvent<QueueFilter>('filter-change', { detail: next, bubbles: true, composed: true }));
  }

  /** Choosing one of db, type and q clears the other two in the form. */
  private facetChanged(facet: 'db' | 'type' | 'q', e: Event): void {
    const value = (e.target as HTMLInputElement | HTMLSelectElement).value;
    if (!value) return;
    for (const other of ['db', 'type', 'q'].filter((f) => f !== facet)) {
      const el = this.renderRoot.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${other}"]`);
      if (el) el.value = '';
    }
  }

  override render() {
    const { t } = this.ctx;
    const f = this.filter;
    // A manager sees only their store's database (the API refuses the others).
    const dbs = this.lockedStore !== null ? [`store-${this.lockedStore}`] : ['catalog', 'customers', ...this.stores.map((s) => `store-${s}`)];
    return html`
      <form role="search" aria-label=${t('conflicts.filters')} @submit=${this.submit} data-testid="conflict-filters">
        <label>${t('conflicts.status')}
          <select name="status" data-testid="filter-status">
            <option value="pending" ?selected=${f.status === 'pending'}>${t('conflicts.pending')}</option>
            <option value="resolved" ?selected=${f.status === 'resolved'}>${t('conflicts.resolvedStatus')}</option>
          </select></label>
        <label>${t('conflicts.store')}
          <select name="store" data-testid="filter-store" ?disabled=${this.lockedStore !== null}>
            ${this.lockedStore === null ? html`<option value="">${t('conflicts.anyStore')}</option>` : ''}
            ${(this.lockedStore === null ? this.stores : [this.lockedStore]).map((s) => html`<option value=${s} ?selected=${f.store === s}>${s}</option>`)}
          </select></label>
        <label>${t('conflicts.db')}
          <select name="db" data-testid="filter-db" @change=${(e: Event) => this.facetChanged('db', e)}>
            <option value="">${t('conflicts.anyDb')}</option>
            ${dbs.map((d) => html`<option value=${d} ?selected=${f.db === d}>${d}</option>`)}
          </select></label>
        <label>${t('conflicts.type')}
          <select name="type" data-testid="filter-type" @change=${(e: Event) => this.facetChanged('type', e)}>
            <option value="">${t('conflicts.anyType')}</option>
            ${TYPES.map((ty) => html`<option value=${ty} ?selected=${f.type === ty}>${ty}</option>`)}
          </select></label>
        <label>${t('conflicts.search')}
          <input name="q" data-testid="filter-q" .value=${f.q} placeholder="product:PS-" autocomplete="off" @input=${(e: Event) => this.facetChanged('q', e)}></label>
        <button type="submit" data-testid="filter-apply">${t('conflicts.apply')}</button>
        <a href="#/conflicts">${t('conflicts.clear')}</a>
      </form>
      <p class="note">${t('conflicts.oneFacet')}</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'conflict-filters': ConflictFilters }
}

// The sell screen's name search: the models (by colour) matching what the cashier typed, the
// one highlighted with the arrow keys, and the one chosen for the size grid. Synchronous: the
// catalog index answers from memory on every keystroke.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ModelColour } from '../search-catalog.js';
import { till } from '../services/till.js';

const LIMIT = 8;

export class CatalogSearchController implements ReactiveController {
  results: ModelColour[] = [];
  /** Index into `results` highlighted with the arrow keys; -1 when none. */
  active = -1;
  /** The model whose size grid is shown. */
  chosen: ModelColour | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** True when `text` is a whole SKU or barcode: Enter scans it, as a scanner expects. */
  isExactCode(text: string): boolean {
    return till.findProduct(text) !== undefined;
  }

  query(text: string): void {
    this.results = text.trim() === '' ? [] : till.searchCatalog(text, LIMIT);
    this.active = -1;
    this.host.requestUpdate();
  }

  /** Moves the highlight by `delta`, wrapping around. */
  move(delta: number): void {
    const n = this.results.length;
    if (n === 0) return;
    this.active = this.active < 0 ? (delta > 0 ? 0 : n - 1) : (this.active + delta + n) % n;
    this.host.requestUpdate();
  }

  /** Chooses the highlighted result, or the first; returns it (undefined when there is none). */
  choose(index = Math.max(this.active, 0)): ModelColour | undefined {
    const model = this.results[index];
    if (!model) return undefined;
    this.chosen = model;
    this.results = [];
    this.active = -1;
    this.host.requestUpdate();
    return model;
  }

  /** Hides the list and the size grid. */
  clear(): void {
    this.results = [];
    this.active = -1;
    this.chosen = undefined;
    this.host.requestUpdate();
  }
}

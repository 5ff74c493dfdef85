// Stock on hand at this store for each size of one model, for the size grid: one read of the
// stock view per model shown (stockOfMany), re-read when the model changes or on refresh().

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ModelColour } from '../search-catalog.js';
import { till } from '../services/till.js';

export class SizeStockController implements ReactiveController {
  /** Stock per SKU; undefined while it is being read. */
  stock: Record<string, number> | undefined;
  failed = false;
  private key: string | undefined;

  constructor(private readonly host: ReactiveControllerHost, private readonly model: () => ModelColour | undefined) {
    host.addController(this);
  }

  hostUpdate(): void {
    const model = this.model();
    if (model?.key !== this.key) void this.load(model);
  }

  refresh(): void {
    void this.load(this.model());
  }

  private async load(model: ModelColour | undefined): Promise<void> {
    this.key = model?.key;
    this.stock = undefined;
    this.failed = false;
    if (!model) return;
    try {
      const stock = await till.stockOfMany(model.sizes.map((v) => v.sku));
      if (this.key !== model.key) return;
      this.stock = stock;
    } catch {
      // Stock is advisory: the sizes stay sellable without it.
      if (this.key === model.key) this.failed = true;
    }
    this.host.requestUpdate();
  }
}

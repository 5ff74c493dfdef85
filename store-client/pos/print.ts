// Prints one ticket: renders it alone, in its paper layout, into the page's print area (a
// light-DOM element page.css's print rules show only on paper, hiding the app), then
// opens the browser's print dialog.
import { html, render } from 'lit';
import type { ReceiptView } from './receipt.js';
import './elements/pos-receipt.js';

const AREA_ID = 'print-area';

export async function printReceipt(view: ReceiptView): Promise<void> {
  let area = document.getElementById(AREA_ID);
  if (!area) {
    area = document.createElement('div');
    area.id = AREA_ID;
    document.body.append(area);
  }
  render(html`<pos-receipt paper .view=${view}></pos-receipt>`, area);
  await area.querySelector('pos-receipt')?.updateComplete;
  window.print();
}

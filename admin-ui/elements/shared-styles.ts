// Styles every page shares: buttons, inputs, tables, the error line. Colours meet WCAG AA contrast.
import { css } from 'lit';

export const shared = css`
  :host { display: block; }
  h1 { font-size: 1.4rem; margin: 0 0 1rem; }
  button { font: inherit; padding: 0.45rem 0.9rem; border-radius: 0.4rem; border: 1px solid #1f4e79; background: #1f4e79; color: #fff; cursor: pointer; }
  button.quiet { background: #fff; color: #1f4e79; }
  button:disabled { opacity: 0.6; cursor: default; }
  button:focus-visible, a:focus-visible, input:focus-visible { outline: 3px solid #e0a100; outline-offset: 2px; }
  input { font: inherit; padding: 0.45rem; border: 1px solid #6b7785; border-radius: 0.4rem; }
  a { color: #1f4e79; }
  table { border-collapse: collapse; width: 100%; background: #fff; }
  th, td { text-align: left; padding: 0.4rem 0.6rem; border-bottom: 1px solid #dde2e7; vertical-align: top; }
  th { background: #e8edf2; }
  .error { color: #a3281c; }
  .note { color: #4a5562; }
`;

export function when(iso: unknown, locale: string): string {
  if (typeof iso !== 'string') return '—';
  // An HLC stamp starts with its ISO wall time: show that.
  const d = new Date(/^\d{4}-\d\d-\d\dT[\d:.]+Z/.exec(iso)?.[0] ?? iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(locale);
}

// Styles POS elements share: controls large enough to touch (2.75rem, about 44 px), a visible
// keyboard focus, the colours (contrast checked against WCAG AA), native <dialog>s, desks.
import { css } from 'lit';

export const controls = css`
  button { font: inherit; min-height: 2.75rem; min-width: 2.75rem; padding: 0 1rem; border-radius: 0.4rem; border: 1px solid #8c98a4; background: #fff; color: #1f2d3a; cursor: pointer; }
  button.primary { background: #1d6f5f; border-color: #1d6f5f; color: #fff; font-weight: 600; }
  button.danger { border-color: #a3281c; color: #a3281c; }
  button[disabled] { opacity: 0.55; cursor: not-allowed; }
  button:focus-visible, input:focus-visible, select:focus-visible, [tabindex]:focus-visible { outline: 3px solid #2f7fc1; outline-offset: 2px; }
  input, select { font: inherit; min-height: 2.75rem; padding: 0 0.75rem; border: 1px solid #8c98a4; border-radius: 0.4rem; box-sizing: border-box; background: #fff; color: #1f2d3a; }
  label { font-weight: 600; color: #1f2d3a; }
  .muted { color: #56626e; }
  .error { color: #a3281c; }
  .num { text-align: right; font-variant-numeric: tabular-nums; }
`;

export const dialogs = css`
  dialog { border: 0; border-radius: 0.75rem; padding: 1.5rem; width: min(30rem, 92vw); box-shadow: 0 8px 32px rgb(0 0 0 / 25%); color: #1f2d3a; }
  dialog::backdrop { background: rgb(31 45 58 / 50%); }
  dialog h2 { margin: 0 0 0.5rem; font-size: 1.25rem; }
  dialog p { margin: 0 0 0.75rem; }
  dialog label { display: block; margin: 0.75rem 0; }
  dialog input:not([type='radio']) { display: block; width: 100%; margin-top: 0.35rem; }
  .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; justify-content: flex-end; margin-top: 1.25rem; }
  .error { min-height: 1.5rem; margin: 0.5rem 0 0; }
`;

/** A desk (selling, returns): the work on the left, money on the right, each on a card. */
export const desk = css`
  :host { display: grid; grid-template-columns: minmax(0, 1fr) 23rem; gap: 1.25rem; padding: 1.25rem; align-items: start; }
  :host([hidden]) { display: none; }
  section { background: #fff; border-radius: 0.75rem; padding: 1.25rem; box-shadow: 0 1px 6px rgb(0 0 0 / 6%); }
`;

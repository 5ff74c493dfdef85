// Styles the settings page's sections share beyond shared-styles: selects like inputs, a problem
// under its field, form rows. Colours meet WCAG AA contrast on white.
import { css } from 'lit';

export const settingsStyles = css`
  section { background: #fff; border: 1px solid #dde2e7; border-radius: 0.5rem; padding: 1rem 1.2rem; margin: 0 0 1.2rem; }
  h2 { font-size: 1.15rem; margin: 0 0 0.4rem; }
  h3 { font-size: 1rem; margin: 1rem 0 0.4rem; }
  select { font: inherit; padding: 0.4rem; border: 1px solid #6b7785; border-radius: 0.4rem; background: #fff; color: #1c2630; }
  select:focus-visible { outline: 3px solid #e0a100; outline-offset: 2px; }
  [aria-invalid='true'] { border-color: #a3281c; border-width: 2px; }
  .problem { display: block; color: #a3281c; font-size: 0.9rem; margin-top: 0.2rem; }
  .hint { display: block; color: #4a5562; font-size: 0.85rem; margin-top: 0.2rem; }
  .row { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: flex-start; margin: 0.3rem 0; }
  .actions { display: flex; flex-wrap: wrap; gap: 0.6rem; align-items: center; margin-top: 0.9rem; }
  .field { display: grid; grid-template-columns: minmax(14rem, 26rem) minmax(12rem, 20rem); gap: 0.3rem 1rem; align-items: start; margin: 0.6rem 0; }
  .field label { padding-top: 0.45rem; }
  .field input { width: 8rem; }
  ul.fields { list-style: none; padding: 0; margin: 0; }
  ul.fields li { display: flex; flex-wrap: wrap; gap: 0.4rem; align-items: center; margin: 0 0 0.35rem; }
  code { background: #eef1f4; padding: 0 0.25rem; border-radius: 0.2rem; }
  button.small { padding: 0.25rem 0.6rem; font-size: 0.9rem; }
  .saved { color: #1d6b32; }
`;

// Styles of the devices-and-accounts page's sections: an inline confirmation panel, form rows, action cells.
import { css } from 'lit';

export const panelStyles = css`
  section { margin: 0 0 2rem; }
  h2 { font-size: 1.15rem; margin: 0 0 0.5rem; }
  h3 { font-size: 1rem; margin: 0 0 0.5rem; }
  .panel { border: 2px solid #1f4e79; border-radius: 0.5rem; padding: 0.8rem 1rem; margin: 1rem 0; background: #fff; max-width: 40rem; }
  .panel.danger { border-color: #a3281c; }
  .panel label { display: block; margin: 0 0 0.6rem; }
  .panel input, .panel textarea, .panel select { display: block; width: 100%; box-sizing: border-box; margin-top: 0.2rem; }
  textarea, select { font: inherit; padding: 0.45rem; border: 1px solid #6b7785; border-radius: 0.4rem; }
  textarea:focus-visible, select:focus-visible { outline: 3px solid #e0a100; outline-offset: 2px; }
  .buttons { display: flex; gap: 0.5rem; margin: 0.4rem 0 0; }
  button.danger { background: #a3281c; border-color: #a3281c; }
  td.actions { white-space: nowrap; }
  td.actions button { margin: 0 0.3rem 0.2rem 0; padding: 0.3rem 0.6rem; }
  code { font-size: 0.9rem; }
  .revoked { color: #6a3d00; }
  [role='status']:empty { display: none; }
`;

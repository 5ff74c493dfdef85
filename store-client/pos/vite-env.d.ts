/// <reference types="vite/client" />

/** The design docs' map functions, compiled into the bundle (store-client/pos/vite.config.ts). */
declare module 'virtual:pronto-view-functions' {
  const views: import('../browser.js').ViewFunctions;
  export default views;
}

/** The POS build's version (package.json), reported in the till's status (vite.config.ts `define`). */
declare const __POS_VERSION__: string;

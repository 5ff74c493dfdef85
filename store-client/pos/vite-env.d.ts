/// <reference types="vite/client" />

/** The design docs' map functions, compiled into the bundle (store-client/pos/vite.config.ts). */
declare module 'virtual:pronto-view-functions' {
  const views: import('../browser.js').ViewFunctions;
  export default views;
}

// Browser stand-in for `node:module`: validators/validate.ts loads check.cjs with createRequire;
// in a browser bundle (the POS, the console) that one require is answered with the bundled module.
// Plain JS: a build-time alias target (validators/browser-build.ts), never type-checked or run in Node.
import check from '../check.cjs';

export function createRequire(_from) {
  return (id) => {
    if (id.endsWith('check.cjs')) return check;
    throw new Error(`${id} cannot be required in the browser`);
  };
}

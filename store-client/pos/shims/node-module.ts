// Browser stand-in for `node:module`: validators/validate.ts loads check.cjs with createRequire;
// in the POS bundle that one require is answered with the bundled module.
import check from '../../../validators/check.cjs';

export function createRequire(_from: string): (id: string) => unknown {
  return (id: string) => {
    if (id.endsWith('check.cjs')) return check;
    throw new Error(`${id} cannot be required in the browser`);
  };
}

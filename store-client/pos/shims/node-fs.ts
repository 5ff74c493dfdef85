// Browser stand-in for `node:fs`: only the design-doc build reads files (standaloneModule,
// checkSource), and the POS never calls it.
export function readFileSync(path: string): never {
  throw new Error(`readFileSync(${path}) is not available in the browser`);
}

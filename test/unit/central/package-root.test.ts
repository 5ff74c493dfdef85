// packageRoot: the same folder whether central runs from its TypeScript or from dist/.
import { expect } from 'chai';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageRoot } from '../../../central/package-root.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');

describe('packageRoot', () => {
  it('finds the folder holding package.json from a source module and from its compiled twin', () => {
    expect(packageRoot()).to.equal(ROOT);
    const compiled = pathToFileURL(path.join(ROOT, 'dist/central/http/spa-static.js')).href;
    expect(packageRoot(compiled)).to.equal(ROOT);
    expect(existsSync(path.join(packageRoot(), 'package.json'))).to.equal(true);
  });

  it('throws when no folder above holds a package.json', () => {
    expect(() => packageRoot('file:///no-such-dir/x/y.js')).to.throw(/no package.json/);
  });
});

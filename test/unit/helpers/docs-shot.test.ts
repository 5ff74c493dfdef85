// The guides' screenshot helper: off unless DOCS_SCREENSHOTS=1, so an ordinary e2e run never
// writes into docs/img/; names are kebab-case file names.
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { docsShot, docsShotsWanted } from '../../helpers/docs-shot.js';

/** A page that fails the test if the helper touches it at all. */
const untouchable = new Proxy({}, { get: (_t, prop) => { throw new Error(`the page was used (${String(prop)})`); } }) as Page;

describe('test/helpers/docs-shot', () => {
  const saved = process.env.DOCS_SCREENSHOTS;
  afterEach(() => {
    if (saved === undefined) delete process.env.DOCS_SCREENSHOTS;
    else process.env.DOCS_SCREENSHOTS = saved;
  });

  it('is wanted only when DOCS_SCREENSHOTS is exactly 1', () => {
    const cases: Array<[string | undefined, boolean]> = [[undefined, false], ['', false], ['0', false], ['true', false], ['1', true]];
    for (const [value, wanted] of cases) expect(docsShotsWanted({ DOCS_SCREENSHOTS: value }), String(value)).to.equal(wanted);
  });

  it('leaves the page and the repository alone when not wanted', async () => {
    delete process.env.DOCS_SCREENSHOTS;
    await docsShot(untouchable, 'pos-login');
  });

  it('refuses a name that is not a kebab-case file name when wanted', async () => {
    process.env.DOCS_SCREENSHOTS = '1';
    for (const name of ['../escape', 'Pos Login', 'a/b', '']) {
      let error: unknown;
      await docsShot(untouchable, name).catch((err: unknown) => { error = err; });
      expect(String(error), name).to.match(/kebab-case/);
    }
  });
});

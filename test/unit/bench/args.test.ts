import { expect } from 'chai';
import { defaultRepeats, parseArgs, selectScenarios } from '../../../bench/lib/args.js';

describe('bench/lib/args', () => {
  it('defaults to every scenario, full size, no JSON', () => {
    expect(parseArgs([])).to.deep.equal({ quick: false, only: undefined, json: undefined, repeats: undefined, help: false });
  });

  it('reads every option, with its value after a space or an equals sign', () => {
    expect(parseArgs(['--quick', '--only', 'views,pos', '--json', 'out.json', '--repeats', '7'])).to.deep.equal({ quick: true, only: ['views', 'pos'], json: 'out.json', repeats: 7, help: false });
    expect(parseArgs(['--only=views', '--only', 'pos', '--repeats=2', '--json=r.json'])).to.deep.include({ only: ['views', 'pos'], repeats: 2, json: 'r.json' });
    expect(parseArgs(['-h']).help).to.equal(true);
  });

  const refusals: Array<[string[], RegExp]> = [
    [['--fast'], /unknown argument "--fast"/],
    [['--only'], /--only needs a value/],
    [['--json', '--quick'], /--json needs a value/],
    [['--repeats', '0'], /--repeats must be a whole number/],
    [['--repeats', '2.5'], /--repeats must be a whole number/],
    [['--repeats', 'x'], /--repeats must be a whole number/],
  ];
  for (const [argv, message] of refusals) {
    it(`refuses ${argv.join(' ')} with a CONFIG_INVALID error and the usage`, () => {
      expect(() => parseArgs(argv)).to.throw(message).with.property('code', 'CONFIG_INVALID');
      expect(() => parseArgs(argv)).to.throw(/usage: npm run bench/);
    });
  }

  it('selects the named scenarios in registry order and refuses an unknown name, listing the known ones', () => {
    const all = [{ name: 'views' }, { name: 'bundles' }, { name: 'pos' }];
    expect(selectScenarios(all, undefined)).to.deep.equal(all);
    expect(selectScenarios(all, ['pos', 'views']).map((s) => s.name)).to.deep.equal(['views', 'pos']);
    expect(() => selectScenarios(all, ['pos', 'fleet'])).to.throw(/unknown scenario "fleet"; known: views, bundles, pos/);
  });

  it('repeats fewer times in quick mode', () => {
    expect(defaultRepeats(true)).to.be.below(defaultRepeats(false));
  });
});

import { expect } from 'chai';
import { parseSimulateArgs } from '../../../../central/simulate/options.js';
import { ProntoError } from '../../../../validators/errors.js';

describe('simulate options', () => {
  const parse = (argv: string[], env: Record<string, string> = {}) => parseSimulateArgs(argv, env, () => 7);

  it('applies the defaults and a random seed when nothing is given', () => {
    const o = parse([], { DATA_DIR: '/srv/pronto' });
    expect(o).to.include({ url: 'http://127.0.0.1:8080', stores: 2, tills: 1, minutes: 1, offlineRate: 0.2, seed: 7, json: false });
    expect(o.accountsFile).to.equal('/srv/pronto/demo-accounts.json');
    expect(o.admin).to.equal(undefined);
  });

  it('reads every option and the admin from the environment', () => {
    const o = parse(['--url', 'http://127.0.0.1:9/', '--stores', '20', '--tills', '2', '--minutes', '0.5', '--offline-rate', '1', '--seed', '42', '--max-sales', '30', '--json'],
      { PRONTO_ADMIN_USER: 'ops', PRONTO_ADMIN_PASSWORD: 'secret' });
    expect(o).to.include({ url: 'http://127.0.0.1:9', stores: 20, tills: 2, minutes: 0.5, offlineRate: 1, seed: 42, maxSales: 30, json: true });
    expect(o.admin).to.deep.equal({ name: 'ops', password: 'secret' });
  });

  const cases: Array<[string[], string]> = [
    [['--stores', '0'], 'stores'], [['--stores', 'two'], 'stores'], [['--tills', '1.5'], 'tills'], [['--minutes', '-1'], 'minutes'],
    [['--offline-rate', '1.2'], 'offline-rate'], [['--offline-rate', ''], 'offline-rate'], [['--seed', '-3'], 'seed'],
    [['--url', 'not a url'], 'url'], [['--url', 'ftp://x'], 'url'], [['--max-sales', '0'], 'max-sales'],
  ];
  for (const [argv, option] of cases) {
    it(`refuses ${argv.join(' ')} with an error naming --${option}`, () => {
      let caught: unknown;
      try { parse(argv); } catch (err) { caught = err; }
      expect(caught).to.be.instanceOf(ProntoError);
      expect((caught as ProntoError).code).to.equal('BAD_REQUEST');
      expect((caught as ProntoError).message).to.contain(`--${option}`);
    });
  }

  it('refuses an unknown option and half an admin', () => {
    expect(() => parse(['--storez', '3'])).to.throw(ProntoError, /storez/);
    expect(() => parse([], { PRONTO_ADMIN_USER: 'ops' })).to.throw(ProntoError, /PRONTO_ADMIN_PASSWORD/);
  });
});

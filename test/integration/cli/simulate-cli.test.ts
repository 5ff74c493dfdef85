// `pronto-sync simulate` is the simulator's own command line (central/simulate/) behind the CLI:
// its options and exit codes reach the caller unchanged. The runs themselves are tested in
// test/integration/simulate/.
import { expect } from 'chai';
import { freePort, runCli } from './run-cli.js';

describe('pronto-sync simulate', function () {
  it('refuses bad input with exit 64, as every other usage error, naming the option', async function () {
    const run = await runCli(['simulate', '--stores', '0'], {});
    expect(run.code).to.equal(64);
    expect(run.stderr).to.match(/--stores must be a whole number/);
    const unknown = await runCli(['simulate', '--no-such-option'], {});
    expect(unknown.code).to.equal(64);
    expect(unknown.stderr).to.match(/no-such-option[\s\S]*usage: simulate/);
    expect((await runCli(['no-such-command'], {})).code, 'the CLI\'s own usage error').to.equal(64);
  });

  it('exits 1 when central does not answer', async function () {
    const port = await freePort();
    const run = await runCli(['simulate', '--url', `http://127.0.0.1:${port}`, '--stores', '1', '--tills', '1', '--minutes', '1'], { PRONTO_ADMIN_USER: 'admin', PRONTO_ADMIN_PASSWORD: 'x' });
    expect(run.code, run.stderr).to.equal(1);
  });
});

// `pronto-sync simulate` is the simulator's own command line (central/simulate/) behind the CLI:
// its options and exit codes reach the caller unchanged. The runs themselves are tested in
// test/integration/simulate/.
import { expect } from 'chai';
import { freePort, runCli } from './run-cli.js';

describe('pronto-sync simulate', function () {
  it('refuses bad input with exit 2, naming the option', async function () {
    const run = await runCli(['simulate', '--stores', '0'], {});
    expect(run.code).to.equal(2);
    expect(run.stderr).to.match(/--stores must be a whole number/);
  });

  it('exits 1 when central does not answer', async function () {
    const port = await freePort();
    const run = await runCli(['simulate', '--url', `http://127.0.0.1:${port}`, '--stores', '1', '--tills', '1', '--minutes', '1'], { PRONTO_ADMIN_USER: 'admin', PRONTO_ADMIN_PASSWORD: 'x' });
    expect(run.code, run.stderr).to.equal(1);
  });
});

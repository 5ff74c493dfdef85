// `npm run simulate` (central/simulate/main.ts) as a process: exit 64 with the option named for
// bad input, exit 1 with a clear message when central cannot be reached.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import net from 'node:net';

const simulate = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'central/simulate/main.ts', ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, DATA_DIR: '/nonexistent' } });

describe('simulate command', function () {
  this.timeout(120_000);

  it('exits 64 naming the option when an option is bad', () => {
    const r = simulate(['--offline-rate', '3']);
    expect(r.status).to.equal(64);
    expect(r.stderr).to.contain('--offline-rate must be a fraction from 0 to 1');
  });

  it('exits 64 saying what it needs when it has no chain admin', () => {
    const r = simulate(['--stores', '1']);
    expect(r.status).to.equal(64);
    expect(r.stderr).to.contain('PRONTO_ADMIN_USER');
  });

  it('exits 1 saying central is unreachable when nothing answers at --url', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise((resolve) => server.close(resolve));
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'central/simulate/main.ts', '--url', `http://127.0.0.1:${port}`], {
      encoding: 'utf8', timeout: 60_000, env: { ...process.env, PRONTO_ADMIN_USER: 'ops', PRONTO_ADMIN_PASSWORD: 'x' },
    });
    expect(r.status).to.equal(1);
    expect(r.stderr).to.contain(`central is unreachable at http://127.0.0.1:${port}`);
  });
});

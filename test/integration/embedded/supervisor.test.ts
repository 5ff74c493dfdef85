// The supervisor of the embedded server (central/couch/embedded.ts) with a real child killed
// again and again: crashes in a row make the restart delay grow, a child that stays healthy makes
// it start over, so repeated crashes far apart never add up to a lasting outage. The healthy
// period and delays are small here; the assertions are on the supervisor's decisions, not on time.
import { expect } from 'chai';
import { waitFor } from '../../helpers/wait-for.js';
import { rawRequest, startEmbeddedFixture, type EmbeddedFixture } from './embedded-fixture.js';

const policy = { baseMs: 20, maxMs: 60_000, healthyAfterMs: 300 };

describe('embedded server supervisor (integration)', function () {
  this.timeout(180_000);
  let couch: EmbeddedFixture;

  afterEach(async function () {
    await couch?.stop();
  });

  async function killAndWaitForRestart(n: number): Promise<void> {
    const pid = couch.embedded.pid()!;
    process.kill(pid, 'SIGKILL');
    await waitFor(() => couch.embedded.restarts() === n, { timeoutMs: 60_000, what: `restart ${n}` });
    expect(couch.embedded.pid()).to.not.equal(pid);
    expect((await rawRequest(couch.url, 'GET', '/')).status).to.equal(200);
  }

  it('restarts after the base delay every time when each child had stayed healthy before it died', async function () {
    couch = await startEmbeddedFixture({ policy });
    for (let n = 1; n <= 5; n++) {
      await waitFor(() => couch.embedded.crashesInARow() === 0, { timeoutMs: 30_000, what: 'a healthy child' });
      await killAndWaitForRestart(n);
      expect(couch.embedded.lastRestartDelayMs(), `restart ${n}`).to.equal(policy.baseMs);
    }
  });

  it('doubles the delay for crashes in a row', async function () {
    // Nobody stays up for a minute here: every kill is one more crash in a row.
    couch = await startEmbeddedFixture({ policy: { ...policy, healthyAfterMs: 60_000 } });
    const delays: number[] = [];
    for (let n = 1; n <= 4; n++) {
      await killAndWaitForRestart(n);
      delays.push(couch.embedded.lastRestartDelayMs()!);
    }
    expect(delays).to.deep.equal([20, 40, 80, 160]);
    expect(couch.embedded.crashesInARow()).to.equal(4);
  });
});

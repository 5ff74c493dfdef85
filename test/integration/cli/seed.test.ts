// `pronto-sync seed` spawned with tsx: bad input refused before anything is touched; synthetic
// stores × SKUs and the demo chain seeded into a running central (embedded server), each twice
// with nothing new the second time; then `status` healthy, the change follower having accepted
// every seeded document. And a seed with central stopped, on an embedded server of its own.
import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type CentralConfig } from '../../../central/config.js';
import { createLogger } from '../../../central/logger.js';
import { startCentral, type Central } from '../../../central/server.js';
import { gatherFacts, judgeStatus, type StatusReport } from '../../../central/status/index.js';
import { waitFor } from '../../helpers/wait-for.js';
import { freePort, runCli } from './run-cli.js';
import { testCentralEnv } from '../../helpers/external-couch.js';

describe('pronto-sync seed', function () {
  let dataDir: string;
  let config: CentralConfig;
  let central: Central | undefined;
  let env: Record<string, string>;

  before(async function () {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'pronto-cli-seed-'));
    // COUCHDB_URL's server when the suite has one (wiped first), else an embedded one.
    env = { DATA_DIR: dataDir, PORT: String(await freePort()), COUCH_PORT: String(await freePort()), ...(await testCentralEnv()), DEMO: '0' };
    config = loadConfig({ ...env, LOG_LEVEL: 'silent' });
    central = await startCentral(config, createLogger('silent'));
  });

  after(async function () {
    await central?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  for (const [args, message] of [
    [['--stores', '0', '--skus', '3'], '--stores must be a whole number from 1 to 1,000, got "0"'],
    [['--stores', '2', '--skus', 'abc'], '--skus must be a whole number from 1 to 100,000, got "abc"'],
    [['--stores', '2'], '--stores and --skus go together'],
  ] as const) {
    it(`refuses ${args.join(' ')} with exit 64 and says what is allowed`, async function () {
      const run = await runCli(['seed', ...args], env);
      expect(run.code).to.equal(64);
      expect(run.stderr).to.contain(`BAD_REQUEST: ${message}`);
      expect(run.stdout).to.equal('');
    });
  }

  it('seeds synthetic stores × SKUs, and a second run writes nothing', async function () {
    const nano = central!.state.couch.nano;
    const first = await runCli(['seed', '--stores', '2', '--skus', '30'], env);
    expect(first.code, first.stderr).to.equal(0);
    expect(first.stdout).to.contain('Seeded 2 synthetic stores (2 new) × 30 SKUs (30 new); opening stock written for 2 stores.');
    const counts = async () => Promise.all(['catalog', 'store-syn-0001', 'store-syn-0002'].map(async (db) => (await nano.db.get(db)).doc_count));
    const before = await counts();
    const second = await runCli(['seed', '--stores', '2', '--skus', '30'], env);
    expect(second.code, second.stderr).to.equal(0);
    expect(second.stdout).to.contain('Seeded 2 synthetic stores (0 new) × 30 SKUs (0 new); opening stock written for 0 stores.');
    expect(await counts()).to.deep.equal(before);
  });

  it('seeds the demo chain once; a second run says it is there', async function () {
    const first = await runCli(['seed'], env);
    expect(first.code, first.stderr).to.equal(0);
    expect(first.stdout).to.contain('Seeded the demo chain: 3 stores, 2040 products');
    const second = await runCli(['seed'], env);
    expect(second.code, second.stderr).to.equal(0);
    expect(second.stdout).to.contain('The demo chain is already there: nothing seeded.');
  });

  it('leaves a chain that status calls healthy once the change follower has read it', async function () {
    await waitFor(async () => judgeStatus(await gatherFacts(config)).verdict === 'healthy', { timeoutMs: 100_000, intervalMs: 1_000, what: 'the follower to read the seeded chain' });
    const run = await runCli(['status', '--json'], env);
    expect(run.code, run.stdout).to.equal(0);
    const report = JSON.parse(run.stdout) as StatusReport;
    expect(report.facts.stores!.map((s) => s.store)).to.have.members(['s1', 's2', 's3', 'syn-0001', 'syn-0002']);
    expect(report.facts.stores!.every((s) => s.quarantined === 0)).to.equal(true);
    // The follower has read the new store (on Apache CouchDB its checkpoint can stay a change short
    // of update_seq: healthy is within --max-lag, not exact).
    const synced = report.facts.follower!.find((f) => f.db === 'store-syn-0002')!;
    expect(synced.checkpointSeq).to.be.a('number').that.is.greaterThan(0);
  });

  it('with central stopped, seeds on an embedded server of its own and stops it', async function () {
    const alone = await mkdtemp(path.join(os.tmpdir(), 'pronto-cli-seed-alone-'));
    try {
      const own = { DATA_DIR: alone, PORT: String(await freePort()), COUCH_PORT: String(await freePort()) };
      const run = await runCli(['seed', '--stores', '1', '--skus', '5'], own);
      expect(run.code, run.stderr).to.equal(0);
      expect(run.stdout).to.contain('Seeded 1 synthetic stores (1 new) × 5 SKUs (5 new); opening stock written for 1 stores.');
      const after = await runCli(['status', '--json'], own);
      expect(after.code).to.equal(2);
    } finally {
      await rm(alone, { recursive: true, force: true });
    }
  });
});

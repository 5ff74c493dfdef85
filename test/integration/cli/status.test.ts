// `pronto-sync status` against a real central (embedded server, demo chain) run in this process,
// the CLI spawned as a child: exit codes and --json for healthy, degraded (a _security, a design
// doc and a quarantined sale broken on purpose, one at a time) and down (nothing listening), and
// the same central seen through COUCHDB_URL. `setup` and `audit verify` run beside it.
import { expect } from 'chai';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startDemoCentral, type DemoCentral } from '../../helpers/demo-central.js';
import { waitFor } from '../../helpers/wait-for.js';
import { ensureSecurity } from '../../../central/setup/security.js';
import { pushDesignDoc } from '../../../central/setup/push-design-doc.js';
import { buildDesignDocs } from '../../../design-docs/index.js';
import { gatherFacts, judgeStatus, type StatusReport } from '../../../central/status/index.js';
import { freePort, runCli, runCliOnTerminal } from './run-cli.js';
import { externalCouchUrl, parseExternalCouch, testAdminPassword } from '../../helpers/external-couch.js';

describe('pronto-sync status', function () {
  let demo: DemoCentral;
  let env: Record<string, string>;

  const status = async (extra: Record<string, string> = {}) => {
    const run = await runCli(['status', '--json'], { ...env, ...extra });
    expect(run.stderr, run.stderr).to.equal('');
    return { code: run.code, report: JSON.parse(run.stdout) as StatusReport };
  };
  /** In-process, to wait cheaply for the follower (the CLI is what the tests assert on). */
  const healthyNow = async () => judgeStatus(await gatherFacts(demo.config)).verdict === 'healthy';

  before(async function () {
    const [port, couchPort] = [await freePort(), await freePort()];
    demo = await startDemoCentral({ PORT: String(port), COUCH_PORT: String(couchPort) });
    const external = externalCouchUrl();
    env = { DATA_DIR: demo.dataDir, PORT: String(port), COUCH_PORT: String(couchPort), ...(external !== undefined ? { COUCHDB_URL: external } : {}) };
    await waitFor(healthyNow, { timeoutMs: 100_000, intervalMs: 1_000, what: 'the change follower to catch up with the demo chain' });
  });

  after(async function () {
    await demo?.stop();
  });

  it('exits 0 with a healthy report of every part while central runs on the embedded server', async function () {
    const { code, report } = await status();
    expect(code).to.equal(0);
    expect(report.verdict).to.equal('healthy');
    expect(report.problems).to.deep.equal([]);
    const { facts } = report;
    expect(facts.central.answering).to.equal(true);
    expect(facts.couch).to.include({ reachable: true, embedded: externalCouchUrl() === undefined });
    expect(facts.couch.version).to.be.a('string');
    expect(facts.designDocs!.every((d) => d.state === 'current')).to.equal(true);
    expect(facts.security!.map((s) => s.db)).to.include.members(['catalog', 'customers', 'audit', 'store-s1', 'pronto-checkpoints']);
    expect(facts.follower!.map((f) => f.db)).to.have.members(['catalog', 'customers', 'store-s1', 'store-s2', 'store-s3']);
    expect(facts.stores!.map((s) => s.store)).to.have.members(['s1', 's2', 's3']);
    expect(facts.audit).to.include({ state: 'intact' });
    expect(facts.conflictsWaiting).to.equal(0);
  });

  it('prints a table without escape codes when stdout is not a terminal', async function () {
    const run = await runCli(['status'], env);
    expect(run.code).to.equal(0);
    expect(run.stdout).to.match(/^Pronto Sync: HEALTHY \(exit 0\)/);
    expect(run.stdout).to.match(/store-s1 +\d+ +\d+ +0 +0/);
    expect(run.stdout).not.to.contain('\x1b[');
  });

  it('reads the same central through COUCHDB_URL, with the audit key from the environment', async function () {
    const password = await testAdminPassword(demo.dataDir);
    const external = externalCouchUrl();
    const couchUrl = external ?? `http://admin:${encodeURIComponent(password)}@127.0.0.1:${env.COUCH_PORT}`;
    const other = await mkdtemp(path.join(os.tmpdir(), 'pronto-cli-other-'));
    try {
      const { code, report } = await status({
        DATA_DIR: other, COUCHDB_URL: couchUrl,
        AUDIT_KEY: (await readFile(path.join(demo.dataDir, 'audit-key'), 'utf8')).trim(),
      });
      expect(code).to.equal(0);
      expect(report.facts.couch).to.include({ reachable: true, embedded: false, url: external !== undefined ? parseExternalCouch(external).url : `http://127.0.0.1:${env.COUCH_PORT}` });
      expect(JSON.stringify(report)).not.to.contain(password);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  it('leaves setup and audit verify working beside it, on the running central\'s own server', async function () {
    const setup = await runCli(['setup'], env);
    expect(setup.code, setup.stderr).to.equal(0);
    expect(setup.stdout).to.equal('Setup: nothing to change (3 stores).\n');
    const audit = await runCli(['audit', 'verify'], env);
    expect(audit.code, audit.stderr).to.equal(0);
    expect(audit.stdout).to.match(/^Audit trail intact: \d+ entries/);
  });

  it('exits 1 naming the database whose _security was changed, and 0 once setup put it back', async function () {
    const nano = demo.central.state.couch.nano;
    await nano.request({ db: 'store-s2', path: '_security', method: 'PUT', body: { admins: { names: [], roles: [] }, members: { names: [], roles: [] } } });
    const broken = await status();
    expect(broken.code).to.equal(1);
    expect(broken.report.verdict).to.equal('degraded');
    expect(broken.report.problems.map((p) => p.message)).to.deep.equal(['_security of store-s2 is not as expected: run pronto-sync setup']);
    await ensureSecurity(nano, 'store-s2');
    expect((await status()).code).to.equal(0);
  });

  it('exits 1 naming a design doc that is not the built one', async function () {
    const nano = demo.central.state.couch.nano;
    const built = buildDesignDocs().customers;
    const current = await nano.use('customers').get(built._id);
    await nano.use('customers').insert({ ...current, note: 'edited by hand' } as never);
    try {
      const { code, report } = await status();
      expect(code).to.equal(1);
      expect(report.problems.map((p) => p.check)).to.deep.equal(['design docs']);
      expect(report.facts.designDocs!.find((d) => d.db === 'customers')!.state).to.equal('stale');
    } finally {
      await pushDesignDoc(nano, 'customers', built);
    }
  });

  it('exits 1 when a store holds a quarantined sale', async function () {
    const db = demo.central.state.couch.nano.use<Record<string, unknown>>('store-s3');
    const sale = (await db.list({ startkey: 'sale:', endkey: 'sale;', include_docs: true, limit: 1 })).rows[0]!.doc!;
    await db.insert({ ...sale, quarantined: { reason: 'broken on purpose by a test', at: sale.updatedAt } });
    const { code, report } = await status();
    expect(code).to.equal(1);
    expect(report.problems.map((p) => p.message)).to.include('store s3 has 1 quarantined documents (console: Tills and refusals)');
    expect(report.facts.stores!.find((s) => s.store === 's3')!.quarantined).to.equal(1);
  });

  it('exits 2 when nothing listens, saying central and CouchDB are down', async function () {
    const empty = await mkdtemp(path.join(os.tmpdir(), 'pronto-cli-down-'));
    try {
      await writeFile(path.join(empty, 'admin-password'), 'not-used\n', { mode: 0o600 });
      const run = await runCli(['status', '--json'], { DATA_DIR: empty, PORT: String(await freePort()), COUCH_PORT: String(await freePort()) });
      expect(run.code).to.equal(2);
      const report = JSON.parse(run.stdout) as StatusReport;
      expect(report.verdict).to.equal('down');
      expect(report.problems.map((p) => [p.check, p.verdict])).to.deep.equal([['central', 'down'], ['couchdb', 'down']]);
      expect(report.facts.couch.error).to.equal('ECONNREFUSED');
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it('colours the table on a terminal, and not when NO_COLOR is set', async function () {
    const empty = await mkdtemp(path.join(os.tmpdir(), 'pronto-cli-tty-'));
    try {
      await writeFile(path.join(empty, 'admin-password'), 'not-used\n', { mode: 0o600 });
      const nothing = { DATA_DIR: empty, PORT: String(await freePort()), COUCH_PORT: String(await freePort()) };
      const coloured = await runCliOnTerminal(['status'], nothing);
      expect(coloured.code).to.equal(2);
      expect(coloured.stdout).to.contain('\x1b[31mDOWN\x1b[0m');
      const plain = await runCliOnTerminal(['status'], { ...nothing, NO_COLOR: '1' });
      expect(plain.code).to.equal(2);
      expect(plain.stdout).to.contain('Pronto Sync: DOWN (exit 2)');
      expect(plain.stdout).not.to.contain('\x1b[');
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});

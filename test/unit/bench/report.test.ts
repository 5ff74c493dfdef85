import { expect } from 'chai';
import { buildReport } from '../../../bench/lib/report.js';
import { summarize } from '../../../bench/lib/stats.js';
import { parseCouchUrl } from '../../../bench/lib/target.js';

describe('bench/lib/report', () => {
  it('writes each figure with the fields the issue names, the failures, the machine, versions and date', () => {
    const figure = summarize({ scenario: 'views: build', unit: 'ms', better: 'lower', ours: [10, 30], baseline: [40], baselineName: 'raw view', note: 'n' });
    const parts = {
      date: '2026-12-03T00:00:00.000Z', target: { kind: 'embedded' as const }, quick: true, repeats: 3,
      machine: { cpus: 2, model: 'cpu', memoryMb: 4096, os: 'Linux' },
      versions: { node: 'v20', pouchdb: '9.0.0', server: 'express-pouchdb 4.2.0 (embedded)', project: '0.1.0', commit: 'abc' },
    };
    const report = JSON.parse(JSON.stringify(buildReport(parts, [figure], [{ scenario: 'fleet', message: 'boom' }])));
    expect(report).to.deep.include(parts);
    expect(report.failures).to.deep.equal([{ scenario: 'fleet', message: 'boom' }]);
    expect(report.results).to.have.length(1);
    expect(report.results[0]).to.deep.include({ scenario: 'views: build', ours: 20, baseline: 40, unit: 'ms', ratio: 0.5, better: 'lower', min: 10, max: 30, stat: 'p50', baselineName: 'raw view', note: 'n' });
    expect(report.results[0].samples).to.deep.equal({ ours: [10, 30], baseline: [40] });
  });
});

describe('bench/lib/target parseCouchUrl', () => {
  it('takes the credentials of COUCHDB_URL as the admin and keeps them out of the base URL', () => {
    expect(parseCouchUrl('http://admin:adminpass@127.0.0.1:5990/')).to.deep.equal({ url: 'http://127.0.0.1:5990', adminAuth: { username: 'admin', password: 'adminpass' } });
    expect(parseCouchUrl('https://a%40b:p%3Aw@couch.example:6984')).to.deep.equal({ url: 'https://couch.example:6984', adminAuth: { username: 'a@b', password: 'p:w' } });
  });

  it('refuses a URL without credentials, saying what it needs', () => {
    expect(() => parseCouchUrl('http://127.0.0.1:5984')).to.throw(/must carry the admin credentials/).with.property('code', 'CONFIG_INVALID');
  });
});

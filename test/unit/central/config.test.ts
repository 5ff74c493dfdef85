import { expect } from 'chai';
import path from 'node:path';
import { loadConfig } from '../../../central/config.js';

describe('central/config', function () {
  it('defaults to the embedded server on 127.0.0.1:8080 with the demo chain on', function () {
    const c = loadConfig({});
    expect(c).to.include({ port: 8080, host: '127.0.0.1', couchPort: 5984, adminUser: 'admin', demo: true, couchdbUrl: undefined });
    expect(c.dataDir).to.equal(path.resolve('./data'));
    expect(Object.isFrozen(c)).to.equal(true);
  });

  it('turns the demo off by default against a real CouchDB, and on when asked', function () {
    expect(loadConfig({ COUCHDB_URL: 'http://127.0.0.1:5984' }).demo).to.equal(false);
    expect(loadConfig({ COUCHDB_URL: 'http://127.0.0.1:5984', DEMO: '1' }).demo).to.equal(true);
  });

  it('defaults login settings: 8-hour sessions, 10 failed logins per 15 minutes, Secure cookies off the loopback only', function () {
    expect(loadConfig({})).to.include({ sessionTtlMin: 480, loginRateLimit: 10, loginRateWindowMin: 15, cookieSecure: false, sessionSecret: undefined });
    expect(loadConfig({ HOST: '0.0.0.0' }).cookieSecure).to.equal(true);
    expect(loadConfig({ HOST: '0.0.0.0', COOKIE_SECURE: 'off' }).cookieSecure).to.equal(false);
  });

  it('believes no proxy by default; TRUST_PROXY takes a hop count or proxy addresses, and refuses "true"', function () {
    expect(loadConfig({}).trustProxy).to.equal(false);
    expect(loadConfig({ TRUST_PROXY: 'off' }).trustProxy).to.equal(false);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).to.equal(2);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8,fd00::1' }).trustProxy).to.deep.equal(['loopback', '10.0.0.0/8', 'fd00::1']);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).to.throw(/TRUST_PROXY must be off.*"true" is none of these/);
    expect(() => loadConfig({ TRUST_PROXY: '11' })).to.throw(/TRUST_PROXY as a hop count must be 1 to 10/);
    expect(() => loadConfig({ TRUST_PROXY: 'lb.example' })).to.throw(/"lb.example" is none of these/);
  });

  it('shows a silent till stale after 45 s unless TILL_SILENT_AFTER_S says otherwise', function () {
    expect(loadConfig({}).tillSilentAfterS).to.equal(45);
    expect(loadConfig({ TILL_SILENT_AFTER_S: '20' }).tillSilentAfterS).to.equal(20);
    expect(() => loadConfig({ TILL_SILENT_AFTER_S: 'soon' })).to.throw(/TILL_SILENT_AFTER_S must be a whole number/);
  });

  it('reads 32 store databases at once in the change follower unless FEED_READ_CONCURRENCY says otherwise', function () {
    expect(loadConfig({}).feedReadConcurrency).to.equal(32);
    expect(loadConfig({ FEED_READ_CONCURRENCY: '8' }).feedReadConcurrency).to.equal(8);
    expect(() => loadConfig({ FEED_READ_CONCURRENCY: 'many' })).to.throw(/FEED_READ_CONCURRENCY must be a whole number/);
    expect(() => loadConfig({ FEED_READ_CONCURRENCY: '0' })).to.throw(/FEED_READ_CONCURRENCY/);
  });

  const invalid: Array<[Record<string, string>, RegExp]> = [
    [{ PORT: 'eighty' }, /PORT must be a port number/],
    [{ COUCH_PORT: '70000' }, /COUCH_PORT must be a port number/],
    [{ DEMO: 'maybe' }, /DEMO must be on\/off/],
    [{ COUCHDB_URL: 'not a url' }, /COUCHDB_URL is not a valid URL/],
    [{ COUCHDB_URL: 'ftp://127.0.0.1' }, /COUCHDB_URL must be an http\(s\) URL/],
    [{ AUDIT_KEY: 'c2hvcnQ' }, /AUDIT_KEY/],
    [{ SESSION_TTL_MIN: '0' }, /SESSION_TTL_MIN must be a whole number/],
    [{ LOGIN_RATE_LIMIT: 'ten' }, /LOGIN_RATE_LIMIT must be a whole number/],
    [{ SESSION_SECRET: 'too-short' }, /SESSION_SECRET must be at least 32 characters/],
  ];
  for (const [env, message] of invalid) {
    it(`refuses ${JSON.stringify(env)} with an error naming the variable`, function () {
      expect(() => loadConfig(env)).to.throw(message).with.property('code', 'CONFIG_INVALID');
    });
  }
});

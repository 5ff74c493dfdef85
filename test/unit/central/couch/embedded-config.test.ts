import { expect } from 'chai';
import { planEmbeddedConfig, PASSWORD_ITERATIONS } from '../../../../central/couch/embedded-config.js';
import { adminPasswordMatches, formatAdminHash, hashAdminPassword, parseAdminHash } from '../../../../central/couch/admin-hash.js';

describe('planEmbeddedConfig (embedded-config)', function () {
  it('adds a cookie secret, CouchDB 3.5 hashing and max_document_size to an empty config, and creates the admin', function () {
    const { config, admin } = planEmbeddedConfig({}, 'admin', 'fresh-secret');
    expect(config.couch_httpd_auth).to.deep.equal({ secret: 'fresh-secret', iterations: 600000, pbkdf2_prf: 'sha256' });
    expect(config.couchdb).to.deep.equal({ max_document_size: 8000000 });
    expect(admin).to.equal('create');
  });

  it('keeps a secret it already has, so sessions survive a restart', function () {
    const { config } = planEmbeddedConfig({ couch_httpd_auth: { secret: 'kept' } }, 'admin', 'fresh');
    expect(config.couch_httpd_auth!.secret).to.equal('kept');
  });

  it('raises fewer iterations to 600,000 and keeps more', function () {
    expect(planEmbeddedConfig({ couch_httpd_auth: { iterations: 10 } }, 'a', 's').config.couch_httpd_auth!.iterations).to.equal(PASSWORD_ITERATIONS);
    expect(planEmbeddedConfig({ couch_httpd_auth: { iterations: 1_000_000 } }, 'a', 's').config.couch_httpd_auth!.iterations).to.equal(1_000_000);
  });

  it('keeps other settings and other admins as they are', function () {
    const current = { couchdb: { uuid: 'u', max_document_size: 1000 }, admins: { other: '-pbkdf2:sha256-aa,bb,600000' }, log: { level: 'debug' } };
    const { config, admin } = planEmbeddedConfig(current, 'admin', 's');
    expect(config.couchdb).to.deep.equal({ uuid: 'u', max_document_size: 1000 });
    expect(config.admins).to.deep.equal(current.admins);
    expect(config.log).to.deep.equal({ level: 'debug' });
    expect(admin, 'our admin is missing but the server is no admin party: leave it').to.equal('keep');
  });

  it('asks to upgrade an admin hash weaker than the settings, and keeps a strong one', function () {
    expect(planEmbeddedConfig({ admins: { admin: '-pbkdf2-aa,bb,10' } }, 'admin', 's').admin).to.equal('upgrade-if-password-matches');
    expect(planEmbeddedConfig({ admins: { admin: '-pbkdf2:sha256-aa,bb,600000' } }, 'admin', 's').admin).to.equal('keep');
    expect(planEmbeddedConfig({ admins: { admin: 'not-a-hash' } }, 'admin', 's').admin).to.equal('upgrade-if-password-matches');
  });
});

describe('admin-hash', function () {
  it('reads both of CouchDB’s forms and writes them back unchanged', function () {
    for (const stored of ['-pbkdf2-0a1b,c2d3,10', '-pbkdf2:sha256-0a1b,c2d3,600000']) expect(formatAdminHash(parseAdminHash(stored)!)).to.equal(stored);
    expect(parseAdminHash('-pbkdf2:sha-0a,0b,5')).to.deep.equal({ prf: 'sha1', key: '0a', salt: '0b', iterations: 5 });
    expect(parseAdminHash('-hashed-0a,0b')).to.equal(undefined);
    expect(parseAdminHash('-pbkdf2:md5-0a,0b,5')).to.equal(undefined);
  });

  it('verifies the password it hashed, and no other', async function () {
    const hash = parseAdminHash(await hashAdminPassword('right', 1000, 'sha256'))!;
    expect(hash).to.include({ prf: 'sha256', iterations: 1000 });
    expect(await adminPasswordMatches('right', hash)).to.equal(true);
    expect(await adminPasswordMatches('wrong', hash)).to.equal(false);
  });
});

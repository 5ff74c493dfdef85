import { expect } from 'chai';
import { loadConfig } from '../../../central/config.js';
import { benchSecretsEnv } from '../../../bench/lib/bench-secrets.js';

describe('bench/lib/bench-secrets', () => {
  it('gives fixed secrets central accepts, the same on every run', () => {
    const env = benchSecretsEnv({});
    expect(env).to.deep.equal(benchSecretsEnv({}));
    const config = loadConfig(env);
    expect([config.auditKey, config.customerDataKey, config.customerIndexKey, config.sessionSecret]).to.deep.equal(Object.values(env));
    expect(new Set(Object.values(env)).size, 'four different secrets').to.equal(4);
  });

  it('takes the chain\'s own secrets from the environment when set', () => {
    const audit = Buffer.alloc(32, 1).toString('base64url');
    expect(benchSecretsEnv({ AUDIT_KEY: audit }).AUDIT_KEY).to.equal(audit);
  });
});

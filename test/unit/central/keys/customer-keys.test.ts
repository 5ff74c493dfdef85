import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../../central/config.js';
import { CUSTOMER_KEY_FILES, isKey32, loadCustomerKeys } from '../../../../central/keys/index.js';
import { decryptField, encryptField } from '../../../../store-client/crypto/index.js';

const key = () => randomBytes(32).toString('base64url');

/** The error `fn` throws (fails when it throws none). */
async function thrown(fn: () => Promise<unknown> | unknown): Promise<Error & { code?: string; details?: Record<string, unknown> }> {
  try {
    await fn();
  } catch (err) {
    return err as Error & { code?: string };
  }
  throw new Error('expected an error');
}

describe('central/keys/customer-keys', function () {
  let dir: string;
  beforeEach(async function () {
    dir = await mkdtemp(path.join(os.tmpdir(), 'pronto-keys-'));
  });
  afterEach(async function () {
    await rm(dir, { recursive: true, force: true });
  });

  it('generates both keys on first use, 32 bytes each, in 0600 files under DATA_DIR', async function () {
    const loaded = await loadCustomerKeys(dir);
    for (const which of ['dataKey', 'indexKey'] as const) {
      const file = path.join(dir, CUSTOMER_KEY_FILES[which]);
      expect((await stat(file)).mode & 0o777).to.equal(0o600);
      expect((await readFile(file, 'utf8')).trim()).to.equal(loaded.material[which]);
      expect(isKey32(loaded.material[which])).to.equal(true);
    }
    expect(loaded.material.dataKey).to.not.equal(loaded.material.indexKey);
  });

  it('reads the same keys back on the next start, so what was encrypted stays readable', async function () {
    const first = await loadCustomerKeys(dir);
    const text = await encryptField('5512345678', first.keys, 'phone');
    const second = await loadCustomerKeys(dir);
    expect(second.material).to.deep.equal(first.material);
    expect(await decryptField(text, second.keys, 'phone')).to.equal('5512345678');
  });

  it('takes the keys from the environment over the files, and writes no file for them', async function () {
    await loadCustomerKeys(dir);
    const fromEnv = { dataKey: key(), indexKey: key() };
    const loaded = await loadCustomerKeys(dir, fromEnv);
    expect(loaded.material).to.deep.equal(fromEnv);
    const other = await mkdtemp(path.join(os.tmpdir(), 'pronto-keys-'));
    try {
      await loadCustomerKeys(other, fromEnv);
      await Promise.all(Object.values(CUSTOMER_KEY_FILES).map(async (f) => expect(await thrown(() => stat(path.join(other, f)))).to.have.property('code', 'ENOENT')));
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  it('refuses a bad key from the environment, naming the variable and never echoing the value', async function () {
    const bad = randomBytes(16).toString('base64url');
    const err = await thrown(() => loadCustomerKeys(dir, { dataKey: bad }));
    expect(err).to.have.property('code', 'CONFIG_INVALID');
    expect(err.message).to.contain('CUSTOMER_DATA_KEY').and.not.contain(bad);
    expect(JSON.stringify(err.details)).to.not.contain(bad);
  });

  it('refuses a truncated key file, naming the file and never echoing its content', async function () {
    const bad = randomBytes(20).toString('base64url');
    await writeFile(path.join(dir, CUSTOMER_KEY_FILES.indexKey), bad + '\n', { mode: 0o600 });
    const err = await thrown(() => loadCustomerKeys(dir));
    expect(err).to.have.property('code', 'CONFIG_INVALID');
    expect(err.message).to.contain(CUSTOMER_KEY_FILES.indexKey).and.not.contain(bad);
  });
});

describe('central/config: customer keys', function () {
  it('passes a valid CUSTOMER_DATA_KEY and CUSTOMER_INDEX_KEY through, and leaves them undefined when unset', function () {
    const dataKey = key();
    const indexKey = key();
    expect(loadConfig({ CUSTOMER_DATA_KEY: dataKey, CUSTOMER_INDEX_KEY: indexKey })).to.include({ customerDataKey: dataKey, customerIndexKey: indexKey });
    expect(loadConfig({})).to.include({ customerDataKey: undefined, customerIndexKey: undefined });
  });

  const bytes = randomBytes(33);
  const invalid: Array<[string, string, string]> = [
    ['16 bytes', 'CUSTOMER_DATA_KEY', bytes.subarray(0, 16).toString('base64url')],
    ['33 bytes', 'CUSTOMER_INDEX_KEY', bytes.toString('base64url')],
    ['padded standard base64', 'CUSTOMER_DATA_KEY', Buffer.from(bytes.subarray(0, 32)).toString('base64')],
    ['a stray character', 'CUSTOMER_INDEX_KEY', bytes.subarray(0, 32).toString('base64url').slice(0, 42) + '*'],
    ['not canonical (trailing bits set)', 'CUSTOMER_DATA_KEY', bytes.subarray(0, 32).toString('base64url').slice(0, 42) + 'B'],
  ];
  for (const [what, name, value] of invalid) {
    it(`refuses ${name} of ${what} with CONFIG_INVALID naming the variable, not its value`, function () {
      let err: (Error & { code?: string }) | undefined;
      try {
        loadConfig({ [name]: value });
      } catch (e) {
        err = e as Error & { code?: string };
      }
      expect(err).to.have.property('code', 'CONFIG_INVALID');
      expect(err!.message).to.contain(name).and.not.contain(value);
    });
  }
});

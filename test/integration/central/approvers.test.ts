// Managers' approval keys and the approval verdict against a real central (embedded server,
// demo chain): a manager registers their own key with their own credentials, nobody else may,
// admins revoke; central's verdict on signed approvals reads the catalog and `_users` as they
// are; and a till's device enrolment now needs a manager of its store or an admin.
import { expect } from 'chai';
import { approvalVerdict, type ApprovalVerdict } from '../../../central/approvers/index.js';
import {
  buildReturn, buildSale, createApproverKey, generateDeviceKey, signApproval, type ApproverKey,
} from '../../../store-client/index.js';
import type { Approver } from '../../../validators/index.js';
import { basic, startDemoCentral, type DemoCentral } from '../../helpers/demo-central.js';
import { readSse, type SseClient } from '../../helpers/sse.js';

interface AuditEntry { action: string; actor: string; target?: string; details?: Record<string, any> }

describe('central/approvers: approval keys and the approval verdict (integration)', function () {
  this.timeout(120_000);
  let h: DemoCentral;
  let sse: SseClient;
  let verdict: ApprovalVerdict;
  let n = 0;
  const url = () => h.central.url;
  const as = (name: string) => ({ ...basic(name, h.account(name).password), 'Content-Type': 'application/json' });
  const post = (path: string, headers: Record<string, string>, body?: unknown) =>
    fetch(`${url()}${path}`, { method: 'POST', headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const register = async (who: string, key: ApproverKey, device?: string) => {
    const res = await post('/api/approvers/keys', as(who), { publicJwk: key.publicJwk, ...(device ? { device } : {}) });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };
  const approverDoc = (name: string) => h.central.state.couch.nano.use('catalog').get(`approver:${name}`) as unknown as Promise<Approver>;
  const auditEntries = async (): Promise<AuditEntry[]> => {
    const r = await h.central.state.couch.nano.use('audit').list({ startkey: 'audit:', endkey: 'audit:\ufff0', include_docs: true });
    return r.rows.map((row) => row.doc as unknown as AuditEntry);
  };
  const newKey = async (name: string) => (await createApproverKey(name, 'pw', 1000)).key;
  const stamp = () => `2026-11-24T15:00:00.000Z-${(n++).toString(16).padStart(4, '0')}-s1.pos7`;
  const sale = (approvedBy: string, store = 's1') => buildSale(
    { lines: [{ sku: 'PS-M05-NEG-25', qty: 1, unitPrice: 79_900, discount: 39_950 }], payments: [{ method: 'card', amount: 39_950 }], approvedBy },
    { store, device: `${store}.pos7`, cashier: `cashier-${store}`, businessDay: '2026-11-24', stamp: stamp().replace('s1.pos7', `${store}.pos7`) },
  );

  before(async function () {
    h = await startDemoCentral();
    sse = await readSse(`${url()}/api/events`, basic('chain-admin', h.account('chain-admin').password));
    verdict = approvalVerdict({ nano: h.central.state.couch.nano, approvers: h.central.state.deps.approvers });
  });
  after(async function () {
    sse?.close();
    await h?.stop();
  });

  describe('POST /api/approvers/keys', function () {
    it('registers a manager\'s key under their own name, audited and announced', async function () {
      const key = await newKey('manager-s1');
      const { status, body } = await register('manager-s1', key, 's1.pos-aa');
      expect(status).to.equal(201);
      expect(body).to.deep.equal({ name: 'manager-s1', keyId: key.keyId, added: true, retired: [] });
      const doc = await approverDoc('manager-s1');
      expect(doc).to.include({ type: 'approver', name: 'manager-s1', updatedBy: 'manager-s1' });
      expect(doc.keys).to.have.length(1);
      expect(doc.keys[0]).to.deep.include({ keyId: key.keyId, status: 'active', device: 's1.pos-aa', publicJwk: key.publicJwk });
      const added = (await auditEntries()).find((e) => e.action === 'approver.key-added' && e.details?.keyId === key.keyId);
      expect(added).to.deep.include({ actor: 'manager-s1', target: 'approver:manager-s1' });
      await sse.next((e) => e.type === 'approver.key' && e.data.keyId === key.keyId && e.data.change === 'added', 10_000);
    });

    it('registers the same key twice as one, and a new key from the same till retires the old one', async function () {
      const first = await newKey('manager-s2');
      expect((await register('manager-s2', first, 's2.pos-1')).status).to.equal(201);
      expect(await register('manager-s2', first, 's2.pos-1')).to.deep.equal({ status: 200, body: { name: 'manager-s2', keyId: first.keyId, added: false, retired: [] } });
      const second = await newKey('manager-s2');
      expect((await register('manager-s2', second, 's2.pos-1')).body.retired).to.deep.equal([first.keyId]);
      const other = await newKey('manager-s2');
      expect((await register('manager-s2', other, 's2.pos-2')).body.retired).to.deep.equal([]);
      const status = Object.fromEntries((await approverDoc('manager-s2')).keys.map((k) => [k.keyId, k.status]));
      expect(status).to.deep.equal({ [first.keyId]: 'retired', [second.keyId]: 'active', [other.keyId]: 'active' });
    });

    it('lets a chain admin hold a key', async function () {
      expect((await register('chain-admin', await newKey('chain-admin'))).status).to.equal(201);
    });

    it('refuses cashiers and device accounts (403, audited), wrong passwords (401), tokens, and malformed keys', async function () {
      const key = await newKey('x');
      for (const who of ['cashier-s1', 'device-s1']) {
        const res = await register(who, key);
        expect(res.status, who).to.equal(403);
        expect(res.body).to.include({ code: 'FORBIDDEN', message: 'approval keys are for store managers and admins' });
      }
      const denied = (await auditEntries()).filter((e) => e.action === 'auth.denied' && e.target === 'POST /api/approvers/keys').map((e) => e.actor);
      expect(denied).to.include.members(['cashier-s1', 'device-s1']);
      const wrong = await post('/api/approvers/keys', { ...basic('manager-s1', 'not-the-password'), 'Content-Type': 'application/json' }, { publicJwk: key.publicJwk });
      expect(wrong.status).to.equal(401);
      const anonymous = await post('/api/approvers/keys', { 'Content-Type': 'application/json' }, { publicJwk: key.publicJwk });
      expect(anonymous.status).to.equal(401);
      const token = (await (await post('/api/tokens', as('chain-admin'), { name: 'script', scopes: ['admin'] })).json()) as { token: string };
      const byToken = await post('/api/approvers/keys', { Authorization: `Bearer ${token.token}`, 'Content-Type': 'application/json' }, { publicJwk: key.publicJwk });
      expect(byToken.status).to.equal(403);
      expect((await register('manager-s1', { ...key, publicJwk: { kty: 'RSA', n: 'x', e: 'AQAB' } })).status).to.equal(400);
      expect((await post('/api/approvers/keys', as('manager-s1'), { publicJwk: key.publicJwk, device: 'Not A Device' })).status).to.equal(400);
      for (const name of ['cashier-s1', 'device-s1', 'x']) {
        expect(await approverDoc(name).then(() => 'stored', () => 'none'), name).to.equal('none');
      }
    });
  });

  describe('POST /api/approvers/:name/keys/:keyId/revoke', function () {
    it('lets only an admin revoke a key, audited, and a revoked key cannot come back', async function () {
      const key = await newKey('manager-s3');
      await register('manager-s3', key, 's3.pos-1');
      const path = `/api/approvers/${encodeURIComponent('manager-s3')}/keys/${key.keyId}/revoke`;
      expect((await post(path, as('manager-s3'))).status).to.equal(403);
      const res = await post(path, as('chain-admin'));
      expect(res.status).to.equal(200);
      const revoked = (await approverDoc('manager-s3')).keys.find((k) => k.keyId === key.keyId)!;
      expect(revoked).to.include({ status: 'revoked', revokedBy: 'chain-admin' });
      expect((await auditEntries()).some((e) => e.action === 'approver.key-revoked' && e.details?.keyId === key.keyId && e.actor === 'chain-admin')).to.equal(true);
      expect((await register('manager-s3', key, 's3.pos-1')).status).to.equal(403);
      expect((await post(`/api/approvers/manager-s3/keys/nope/revoke`, as('chain-admin'))).status).to.equal(404);
    });
  });

  describe('approvalVerdict', function () {
    let s1: ApproverKey;
    before(async function () {
      s1 = await newKey('manager-s1');
      await register('manager-s1', s1, 's1.pos-bb');
    });

    it('accepts a sale and a return approved by a manager of their store with a registered key', async function () {
      const signed = await signApproval(sale('manager-s1'), s1);
      expect(await verdict(signed)).to.equal(null);
      const ret = buildReturn(signed, [], { lines: [{ line: 0, qty: 1 }], refundMethod: 'card', reason: 'talla', approvedBy: 'manager-s1' },
        { store: 's1', device: 's1.pos7', cashier: 'cashier-s1', businessDay: '2026-11-24', stamp: stamp() });
      expect(await verdict(await signApproval(ret, s1))).to.equal(null);
    });

    it('refuses a document without an approval, a key the approver never registered, and an altered document', async function () {
      expect(await verdict(sale('manager-s1'))).to.equal('no approval');
      const unregistered = await newKey('manager-s1');
      expect(await verdict(await signApproval(sale('manager-s1'), unregistered))).to.equal(`approver manager-s1 has no key ${unregistered.keyId}`);
      const signed = await signApproval(sale('manager-s1'), s1);
      expect(await verdict({ ...signed, lines: [{ ...signed.lines[0]!, discount: 79_900 }], total: 0, payments: [{ method: 'card' as const, amount: 0 }] }))
        .to.equal('approval signature does not match');
    });

    it('refuses an approval whose approvedBy was changed after signing', async function () {
      const signed = await signApproval(sale('manager-s1'), s1);
      expect(await verdict({ ...signed, approvedBy: 'chain-admin' })).to.equal(`approver chain-admin has no key ${s1.keyId}`);
      const s2 = await newKey('manager-s2');
      await register('manager-s2', s2, 's2.pos-9');
      const swapped = { ...signed, approvedBy: 'manager-s2', approval: { ...signed.approval, keyId: s2.keyId } };
      expect(await verdict(swapped)).to.equal('approval signature does not match');
    });

    it('refuses a manager of another store, and a cashier whose approver document an admin wrote by hand', async function () {
      const s2 = await newKey('manager-s2');
      await register('manager-s2', s2, 's2.pos-8');
      expect(await verdict(await signApproval(sale('manager-s2'), s2))).to.equal('manager-s2 is not a manager of store s1');
      expect(await verdict(await signApproval(sale('manager-s2', 's2'), s2))).to.equal(null);
      const cashierKey = await newKey('cashier-s1');
      await h.central.state.couch.nano.use('catalog').insert({
        _id: 'approver:cashier-s1', type: 'approver', name: 'cashier-s1', updatedAt: h.central.state.clock.next(), updatedBy: 'test',
        keys: [{ keyId: cashierKey.keyId, publicJwk: cashierKey.publicJwk, status: 'active', addedAt: h.central.state.clock.next() }],
      } as never);
      expect(await verdict(await signApproval(sale('cashier-s1'), cashierKey))).to.equal('cashier-s1 is not a manager of store s1');
    });

    it('refuses a key as soon as an admin revokes it, and keeps a retired key valid', async function () {
      const key = await newKey('manager-s1');
      await register('manager-s1', key, 's1.pos-cc');
      const signed = await signApproval(sale('manager-s1'), key);
      expect(await verdict(signed)).to.equal(null);
      const next = await newKey('manager-s1');
      await register('manager-s1', next, 's1.pos-cc');
      expect(await verdict(signed), 'retired').to.equal(null);
      expect((await post(`/api/approvers/manager-s1/keys/${key.keyId}/revoke`, as('chain-admin'))).status).to.equal(200);
      expect(await verdict(signed)).to.equal(`approver manager-s1's key ${key.keyId} was revoked`);
    });
  });

  describe('POST /api/devices needs a manager of the store or an admin', function () {
    const enrol = async (who: string, store: string) => {
      const key = await generateDeviceKey();
      return (await post('/api/devices', as(who), { store, device: `${store}.pos-${who}`, publicJwk: key.publicJwk })).status;
    };

    it('refuses a cashier, a device account and a manager of another store, and accepts the store\'s manager and an admin', async function () {
      expect(await enrol('cashier-s1', 's1')).to.equal(403);
      expect(await enrol('device-s1', 's1')).to.equal(403);
      expect(await enrol('manager-s2', 's1')).to.equal(403);
      expect(await enrol('manager-s1', 's1')).to.equal(201);
      expect(await enrol('chain-admin', 's2')).to.equal(201);
    });
  });
});

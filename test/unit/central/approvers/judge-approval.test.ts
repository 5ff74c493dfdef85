import { expect } from 'chai';
import { judgeApproval } from '../../../../central/approvers/index.js';
import { createApproverKey, signApproval, type ApproverKey } from '../../../../store-client/index.js';
import type { Approver, Sale } from '../../../../validators/index.js';
import { sale } from '../../validators/fixtures.js';

const at = '2026-11-24T17:05:00.000Z-0003-central';
const MANAGER_S1 = ['store', 'store:s1', 'manager'];

describe('central/approvers/judge-approval', () => {
  let active: ApproverKey;
  let retired: ApproverKey;
  let revoked: ApproverKey;
  let stranger: ApproverKey;
  let maria: Approver;
  const approverFor = (name: string, keys: Array<[ApproverKey, 'active' | 'retired' | 'revoked']>): Approver => ({
    _id: `approver:${name}`, type: 'approver', name, updatedAt: at, updatedBy: name,
    keys: keys.map(([k, status]) => ({ keyId: k.keyId, publicJwk: k.publicJwk as Approver['keys'][number]['publicJwk'], status, addedAt: at })),
  });
  const approvedBy = (name: string): Sale => ({ ...sale, approvedBy: name });

  before(async () => {
    const make = async (password: string) => (await createApproverKey('maria', password, 1000)).key;
    [active, retired, revoked, stranger] = await Promise.all([make('a'), make('b'), make('c'), make('d')]);
    maria = approverFor('maria', [[active, 'active'], [retired, 'retired'], [revoked, 'revoked']]);
  });

  /** What is judged, and the reason expected (null: it holds); `key` is the approval's key id. */
  type Case = [string, () => Promise<{ doc: object; approver: Approver | null; roles: string[] | null }>, string | null];
  const noKey = 'approver maria has no key <key>';
  const cases: Case[] = [
    ['a manager of the store, with their active key', async () => ({ doc: await signApproval(approvedBy('maria'), active), approver: maria, roles: MANAGER_S1 }), null],
    ['a retired key (rotated on that till) still counts', async () => ({ doc: await signApproval(approvedBy('maria'), retired), approver: maria, roles: MANAGER_S1 }), null],
    ['a chain admin approves at any store', async () => ({ doc: await signApproval(approvedBy('maria'), active), approver: maria, roles: ['admin'] }), null],
    ['no approval at all', async () => ({ doc: approvedBy('maria'), approver: maria, roles: MANAGER_S1 }), 'no approval'],
    ['an approval without approvedBy', async () => {
      const { approvedBy: _a, ...doc } = await signApproval(approvedBy('maria'), active);
      return { doc, approver: maria, roles: MANAGER_S1 };
    }, 'no approval'],
    ['a key that is not one of the approver\'s', async () => ({ doc: await signApproval(approvedBy('maria'), stranger), approver: maria, roles: MANAGER_S1 }), noKey],
    ['an approver with no keys registered', async () => ({ doc: await signApproval(approvedBy('maria'), active), approver: null, roles: MANAGER_S1 }), noKey],
    ['another approver\'s document', async () => ({ doc: await signApproval(approvedBy('maria'), active), approver: { ...maria, _id: 'approver:luis', name: 'luis' }, roles: MANAGER_S1 }), noKey],
    ['a signature over an altered document', async () => {
      const doc = await signApproval(approvedBy('maria'), active);
      return { doc: { ...doc, lines: [{ ...doc.lines[0]!, discount: 50_000 }, ...doc.lines.slice(1)], total: doc.total - 40_000, change: doc.change + 40_000 }, approver: maria, roles: MANAGER_S1 };
    }, 'approval signature does not match'],
    ['approvedBy changed after signing (the key id rewritten too)', async () => {
      const doc = await signApproval(approvedBy('maria'), active);
      const luis = approverFor('luis', [[active, 'active']]);
      return { doc: { ...doc, approvedBy: 'luis' }, approver: luis, roles: MANAGER_S1 };
    }, 'approval signature does not match'],
    ['a cashier as approver, with a key of their own', async () => ({ doc: await signApproval(approvedBy('maria'), active), approver: maria, roles: ['store', 'store:s1', 'cashier'] }),
      'maria is not a manager of store s1'],
    ['a manager of another store', async () => ({ doc: await signApproval(approvedBy('maria'), active), approver: maria, roles: ['store', 'store:s2', 'manager'] }),
      'maria is not a manager of store s1'],
    ['an account that no longer exists', async () => ({ doc: await signApproval(approvedBy('maria'), active), approver: maria, roles: null }), 'maria is not a manager of store s1'],
    ['a CouchDB server admin (not an account in _users)', async () => ({ doc: await signApproval(approvedBy('maria'), active), approver: maria, roles: ['_admin'] }),
      'maria is not a manager of store s1'],
    ['a revoked key', async () => ({ doc: await signApproval(approvedBy('maria'), revoked), approver: maria, roles: MANAGER_S1 }), "approver maria's key <key> was revoked"],
  ];
  for (const [what, make, want] of cases) {
    it(`${what}: ${want ?? 'holds'}`, async () => {
      const { doc, approver, roles } = await make();
      const keyId = (doc as { approval?: { keyId: string } }).approval?.keyId ?? '';
      expect(await judgeApproval(doc as Sale, approver, roles)).to.equal(want?.replace('<key>', keyId) ?? null);
    });
  }
});

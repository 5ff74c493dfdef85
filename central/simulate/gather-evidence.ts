// Reads what the check needs, from central (as the chain admin, over HTTP) and from each virtual
// till (its status and local databases), into the plain data find-violations.ts judges.
import type { CentralClient } from './central-client.js';
import type { Evidence } from './find-violations.js';
import type { SimStore } from './open-tills.js';
import type { VirtualTill } from './virtual-till.js';

const revs = async (db: VirtualTill['local']['store']) => new Map((await db.allDocs()).rows.map((r) => [r.id, r.value.rev]));

export async function gatherEvidence(central: CentralClient, stores: readonly SimStore[], tills: readonly VirtualTill[]): Promise<Evidence> {
  // The tills first, then central: a document a till no longer counts as pending was at central
  // before central is read, so it must be there. Read the other way round, a check that took a
  // minute (100 stores on a busy server) named sales "not at central" that arrived while it read,
  // and a store's stock read before a sale its documents were read after.
  const tillEvidence = [];
  for (const t of tills) {
    const { state, pending, refused, error } = t.manager.status;
    tillEvidence.push({
      device: t.device, store: t.store,
      written: [...t.sold, ...t.returned] as unknown as Evidence['tills'][number]['written'],
      status: { state, pending, refused, error },
      replica: { store: await revs(t.local.store), catalog: await revs(t.local.catalog) },
    });
  }
  const storeEvidence = [];
  for (const s of stores) {
    storeEvidence.push({
      store: s.store, baselineStock: s.baselineStock, stock: await central.stock(s.store),
      atCentral: await central.allDocs(`store-${s.store}`), openRefusals: await central.openRefusals(s.store),
    });
  }
  return { stores: storeEvidence, tills: tillEvidence, catalog: await central.allDocs('catalog'), auditProblem: await central.auditVerified() };
}

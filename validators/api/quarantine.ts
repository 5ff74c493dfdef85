// What GET /api/quarantine lists, declared once for central (central/quarantine reads it from
// the store design doc's `quarantined` view) and the console (admin-ui, with `import type`).

/** A sale, return or move central quarantined. */
export interface QuarantinedEntry {
  store: string;
  docId: string;
  type: 'sale' | 'return' | 'move';
  reason: string;
  /** Central's stamp when it quarantined it (HLC). */
  at: string;
  device?: string;
  total?: number;
}

/** A page of one store's quarantine; `next` is the cursor of the page after, null on the last. */
export interface QuarantinePage { entries: QuarantinedEntry[]; next: string | null }

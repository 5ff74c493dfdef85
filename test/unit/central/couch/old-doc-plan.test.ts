// The decision table of the pouchdb-validation patch (patches/pouchdb-validation+4.2.0.patch):
// which stored revision validate_doc_update gets as oldDoc, by Apache CouchDB's rules.
import { expect } from 'chai';
import { createRequire } from 'node:module';

interface Leaf { rev: string; deleted: boolean; path: string[] }
const plan = createRequire(import.meta.url)('pouchdb-validation/lib/old-doc-plan.js') as {
  planInteractive(doc: object, leaves: Leaf[]): object;
  planReplicated(doc: object, leaves: Leaf[], batch: object[]): object;
};

// Stored: 1-a → 2-b (leaf), and a deleted sibling branch 1-a → 2-c (deleted leaf).
const stored: Leaf[] = [
  { rev: '2-b', deleted: false, path: ['2-b', '1-a'] },
  { rev: '2-c', deleted: true, path: ['2-c', '1-a'] },
];
const revs = (start: number, ...ids: string[]) => ({ start, ids });

describe('old-doc-plan (pouchdb-validation patch)', function () {
  describe('interactive edits', function () {
    it('gives the leaf named by _rev, with _revisions naming only that parent', function () {
      expect(plan.planInteractive({ _id: 'd', _rev: '2-b' }, stored)).to.deep.equal({ action: 'validate', oldRev: '2-b', newRevisions: revs(2, 'b') });
    });
    it('gives a deleted leaf when _rev names it', function () {
      expect(plan.planInteractive({ _id: 'd', _rev: '2-c' }, stored)).to.include({ action: 'validate', oldRev: '2-c' });
    });
    it('is a conflict, validated by nobody, when _rev is not a leaf', function () {
      expect(plan.planInteractive({ _id: 'd', _rev: '1-a' }, stored)).to.deep.equal({ action: 'conflict' });
      expect(plan.planInteractive({ _id: 'd', _rev: '9-z' }, [])).to.deep.equal({ action: 'conflict' });
    });
    it('gives null for a new document, and for one whose every leaf is deleted', function () {
      expect(plan.planInteractive({ _id: 'd' }, [])).to.deep.equal({ action: 'validate', oldRev: null, newRevisions: undefined });
      expect(plan.planInteractive({ _id: 'd' }, [stored[1]!])).to.include({ action: 'validate', oldRev: null });
    });
    it('is a conflict to create a document that exists', function () {
      expect(plan.planInteractive({ _id: 'd' }, stored)).to.deep.equal({ action: 'conflict' });
    });
  });

  describe('replicated writes (new_edits:false)', function () {
    const replicated = (doc: object, batch: object[] = [doc]) => plan.planReplicated(doc, stored, batch);

    it('finds no stored ancestor for a fresh root of generation 3', function () {
      const doc = { _id: 'd', _rev: '3-z', _revisions: revs(3, 'z', 'y', 'x') };
      expect(replicated(doc)).to.deep.equal({ action: 'validate', candidates: [], newRevisions: revs(3, 'z', 'y', 'x') });
    });
    it('finds no stored ancestor for a generation-1 sibling', function () {
      expect(replicated({ _id: 'd', _rev: '1-f', _revisions: revs(1, 'f') })).to.include({ action: 'validate' }).and.deep.include({ candidates: [] });
    });
    it('gives the stored leaf an extension names as parent', function () {
      expect(replicated({ _id: 'd', _rev: '3-e', _revisions: revs(3, 'e', 'b', 'a') })).to.deep.include({ candidates: ['2-b', '1-a'] });
    });
    it('walks back past ancestors the tree does not know, then follows the tree', function () {
      expect(replicated({ _id: 'd', _rev: '4-w', _revisions: revs(4, 'w', 'v', 'b') })).to.deep.include({ candidates: ['2-b', '1-a'] });
    });
    it('gives a stored internal revision when a new branch grows from it', function () {
      expect(replicated({ _id: 'd', _rev: '2-q', _revisions: revs(2, 'q', 'a') })).to.deep.include({ candidates: ['1-a'] });
    });
    it('drops, unvalidated, a revision already in the tree, leaf or not', function () {
      expect(replicated({ _id: 'd', _rev: '2-b', _revisions: revs(2, 'b', 'a') })).to.deep.equal({ action: 'drop' });
      expect(replicated({ _id: 'd', _rev: '1-a', _revisions: revs(1, 'a') })).to.deep.equal({ action: 'drop' });
    });
    it('drops a revision another document of the same request extends', function () {
      const parent = { _id: 'd', _rev: '3-p', _revisions: revs(3, 'p', 'b', 'a') };
      const child = { _id: 'd', _rev: '4-k', _revisions: revs(4, 'k', 'p', 'b', 'a') };
      expect(replicated(parent, [parent, child])).to.deep.equal({ action: 'drop' });
      expect(replicated(child, [parent, child])).to.deep.include({ action: 'validate', candidates: ['2-b', '1-a'] });
    });
    it('validates, with no oldDoc, every revision of an absent document, one another document of the request extends too (CouchDB: not_found)', function () {
      const parent = { _id: 'd', _rev: '1-a', _revisions: revs(1, 'a') };
      const child = { _id: 'd', _rev: '2-b', _revisions: revs(2, 'b', 'a') };
      for (const doc of [parent, child]) {
        expect(plan.planReplicated(doc, [], [parent, child])).to.deep.equal({ action: 'validate', candidates: [], newRevisions: doc._revisions });
      }
    });
    it('builds _revisions from _rev when the document has none', function () {
      expect(replicated({ _id: 'd', _rev: '5-n' })).to.deep.equal({ action: 'validate', candidates: [], newRevisions: revs(5, 'n') });
    });
  });
});

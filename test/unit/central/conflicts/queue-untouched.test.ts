// queueUntouched decides whether a remembered conflict-queue total still holds after some
// changes to the audit database: only never-edited documents other than conflict records leave it.
import { expect } from 'chai';
import { queueUntouched, type AuditChange } from '../../../../central/conflicts/queue-untouched.js';

const entry = (id: string, over: Partial<AuditChange> = {}): AuditChange => ({ id, changes: [{ rev: '1-abc' }], doc: { type: 'audit' }, ...over });

describe('central/conflicts/queue-untouched', function () {
  it('leaves the totals standing for no change at all and for new audit entries', function () {
    expect(queueUntouched([])).to.equal(true);
    expect(queueUntouched([entry('audit:000001'), entry('audit:000002')])).to.equal(true);
  });

  const moved: Array<[string, AuditChange]> = [
    ['a new conflict record', entry('conflict:catalog:product:a:1', { doc: { type: 'conflict' } })],
    ['a conflict record resolved (a second revision)', entry('conflict:catalog:product:a:1', { changes: [{ rev: '2-def' }], doc: { type: 'conflict' } })],
    ['any document edited after its first revision, whatever it is now', entry('audit:000003', { changes: [{ rev: '2-def' }] })],
    ['a deletion', entry('conflict:catalog:product:a:1', { deleted: true, changes: [{ rev: '2-def' }], doc: { type: undefined } })],
    ['a document with sibling revisions (one of them may have been a record)', entry('audit:000004', { changes: [{ rev: '1-abc' }, { rev: '1-bcd' }] })],
    ['a change whose document was not sent', entry('audit:000005', { doc: null })],
  ];
  for (const [what, change] of moved) {
    it(`counts again after ${what}`, function () {
      expect(queueUntouched([entry('audit:000001'), change])).to.equal(false);
    });
  }
});

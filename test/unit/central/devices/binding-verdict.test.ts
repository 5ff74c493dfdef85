import { expect } from 'chai';
import { bindingVerdict } from '../../../../central/devices/binding-verdict.js';

const S = '2026-11-24T17:03:09.120Z-0000';
const device = { store: 's1', device: 's1.pos1' };

describe('central/devices/binding-verdict', () => {
  const cases: Array<{ what: string; doc: { _id: string; store: string; device: string }; db?: string; key?: typeof device; reason: string | null }> = [
    { what: 'a sale of its own device and store is bound', doc: { _id: `sale:s1:${S}-s1.pos1`, store: 's1', device: 's1.pos1' }, reason: null },
    {
      what: 'a device id with dashes and hex is read whole from the stamp',
      doc: { _id: `move:s1:${S}-s1.pos-0a1b-cd`, store: 's1', device: 's1.pos-0a1b-cd' }, key: { store: 's1', device: 's1.pos-0a1b-cd' }, reason: null,
    },
    {
      what: 'and a shorter device id does not match the end of a longer one',
      doc: { _id: `move:s1:${S}-s1.pos-0a1b-cd`, store: 's1', device: 'cd' }, key: { store: 's1', device: 'cd' },
      reason: "the id's stamp was made by device s1.pos-0a1b-cd, not by cd, whose key signed it",
    },
    {
      what: "a document naming another device than the key's is refused",
      doc: { _id: `sale:s1:${S}-s1.pos2`, store: 's1', device: 's1.pos2' }, reason: 'the key is registered for device s1/s1.pos1, not s1/s1.pos2',
    },
    {
      what: 'a stamp made by another device, named only in the id, is refused',
      doc: { _id: `sale:s1:${S}-s1.pos2`, store: 's1', device: 's1.pos1' }, reason: "the id's stamp was made by device s1.pos2, not by s1.pos1, whose key signed it",
    },
    {
      what: 'a document of another store than the database is refused',
      doc: { _id: `sale:s1:${S}-s1.pos1`, store: 's1', device: 's1.pos1' }, db: 's2', reason: 'device s1/s1.pos1 signs for store s1, not for store-s2',
    },
    {
      what: 'an id naming another store is refused',
      doc: { _id: `sale:s2:${S}-s1.pos1`, store: 's1', device: 's1.pos1' }, reason: `the id sale:s2:${S}-s1.pos1 names store s2, not s1`,
    },
    {
      what: "a void names its sale's stamp (maybe another till's): only `device` binds",
      doc: { _id: `return:s1:void:${S}-s1.pos9`, store: 's1', device: 's1.pos1' }, reason: null,
    },
    { what: 'a till status of its own device is bound', doc: { _id: 'store-status:s1:s1.pos1', store: 's1', device: 's1.pos1' }, reason: null },
    {
      what: "a till status in another device's slot is refused",
      doc: { _id: 'store-status:s1:s1.pos2', store: 's1', device: 's1.pos1' }, reason: 'the id store-status:s1:s1.pos2 names another device than s1/s1.pos1',
    },
  ];
  for (const c of cases) it(c.what, () => expect(bindingVerdict(c.doc, c.db ?? 's1', c.key ?? device)).to.equal(c.reason));
});

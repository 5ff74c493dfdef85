import { expect } from 'chai';
import type { AuditInput, AuditWriter } from '../../../../../central/audit/append-audit.js';
import { createRefusalAudit } from '../../../../../central/http/couch-proxy/refusal-audit.js';

describe('central/http/couch-proxy refusal audit', () => {
  const make = () => {
    const entries: AuditInput[] = [];
    let t = 0;
    const audit = { append: async (e: AuditInput) => { entries.push(e); return {} as never; } } as Pick<AuditWriter, 'append'>;
    const refused = createRefusalAudit(audit, (err) => { throw err; }, () => t);
    return { entries, refused, advance: (ms: number) => { t += ms; } };
  };

  it('names the actor only when CouchDB authenticated it, and keeps a failed login name as a claim', () => {
    const { entries, refused } = make();
    refused({ status: 401, method: 'GET', path: '/catalog', ip: '1.1.1.1', claim: { name: 'chain-admin', via: 'basic' } });
    refused({ status: 403, method: 'PUT', path: '/catalog/product:X', ip: '1.1.1.1', claim: { name: 'cashier-s1', via: 'cookie' } });
    expect(entries.map((e) => [e.actor, e.details?.claimed])).to.deep.equal([['(anonymous)', 'chain-admin'], ['cashier-s1', undefined]]);
  });

  it('writes at most five entries a minute per caller, however many new paths it tries, and counts the rest', () => {
    const { entries, refused, advance } = make();
    for (let i = 0; i < 1000; i++) refused({ status: 401, method: 'GET', path: `/store-s1/doc-${i}`, ip: '9.9.9.9', claim: { name: undefined, via: 'none' } });
    expect(entries).to.have.length(5);
    advance(60_000);
    refused({ status: 401, method: 'GET', path: '/store-s1/again', ip: '9.9.9.9', claim: { name: undefined, via: 'none' } });
    expect(entries).to.have.length(6);
    expect(entries[5]!.details).to.include({ suppressedBefore: 995 });
  });
});

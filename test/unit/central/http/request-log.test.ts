// The request log's id and URL rules, pure.
import { expect } from 'chai';
import { loggedUrl, requestIdOf } from '../../../../central/http/request-log.js';

describe('central/http/request-log', function () {
  const fresh = () => 'generated';
  it('keeps a sane request id and replaces any other', function () {
    for (const ok of ['a', 'till-s1.pos2:0001', 'x'.repeat(128), '7f3a_B.9:z-1']) expect(requestIdOf(ok, fresh), ok).to.equal(ok);
    for (const bad of [undefined, '', 'x'.repeat(129), 'a b', 'a"b', 'a\nb', 'ñ', '<script>', ['a', 'b']]) expect(requestIdOf(bad, fresh), String(bad)).to.equal('generated');
  });

  it('logs known paging and feed parameters as sent and hides every other value', function () {
    expect(loggedUrl('/api/stores')).to.equal('/api/stores');
    expect(loggedUrl('/db/store-s1/_changes?feed=longpoll&since=12&timeout=25000')).to.equal('/db/store-s1/_changes?feed=longpoll&since=12&timeout=25000');
    expect(loggedUrl('/api/x?token=abc&limit=5&password=p&%74oken=q&flag')).to.equal('/api/x?token=[redacted]&limit=5&password=[redacted]&%74oken=[redacted]&flag');
    expect(loggedUrl('/api/x?%E0%A4%A=1')).to.equal('/api/x?%E0%A4%A=[redacted]');
    expect(loggedUrl(`/api/${'x'.repeat(2000)}`)).to.have.length(1000);
  });
});

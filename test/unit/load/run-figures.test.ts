import { expect } from 'chai';
import { connectionCounts, lagStep, percentile } from '../../load/run-figures.js';

describe('load run figures (test/load/run-figures.ts)', () => {
  it('a change lags from the first read that saw it to the first that found the checkpoint past it', () => {
    let s = lagStep([], 5, 5, 1_000);
    expect(s).to.deep.equal({ waiting: [], lags: [] });
    s = lagStep(s.waiting, 7, 5, 2_000);
    expect(s.waiting).to.deep.equal([{ seq: 7, at: 2_000 }]);
    s = lagStep(s.waiting, 9, 6, 3_000);
    expect(s).to.deep.equal({ waiting: [{ seq: 7, at: 2_000 }, { seq: 9, at: 3_000 }], lags: [] });
    s = lagStep(s.waiting, 9, 8, 4_000);
    expect(s).to.deep.equal({ waiting: [{ seq: 9, at: 3_000 }], lags: [2_000] });
    s = lagStep(s.waiting, 9, 9, 5_000);
    expect(s).to.deep.equal({ waiting: [], lags: [2_000] });
  });

  it('counts established sockets by their peer port and the process holding them', () => {
    const ss = [
      'State  Recv-Q Send-Q Local Address:Port  Peer Address:Port Process',
      'ESTAB  0      0      127.0.0.1:50000     127.0.0.1:8080    users:(("node",pid=11,fd=20))',
      'ESTAB  0      0      127.0.0.1:8080      127.0.0.1:50000   users:(("node",pid=22,fd=21))',
      'ESTAB  0      0      [::1]:50001         [::1]:8080        users:(("node",pid=11,fd=22))',
      'ESTAB  0      0      127.0.0.1:50002     127.0.0.1:5984    users:(("node",pid=22,fd=23))',
      'ESTAB  0      0      127.0.0.1:50004     127.0.0.1:5984    users:(("node",pid=33,fd=5))',
      'TIME-WAIT 0   0      127.0.0.1:50003     127.0.0.1:8080',
    ].join('\n');
    expect(connectionCounts(ss, { central: { port: 8080, pid: 11 }, db: { port: 5984, pid: 22 } })).to.deep.equal({ central: 2, db: 1 });
  });

  it('percentile: none of nothing, nearest rank otherwise', () => {
    expect(percentile([], 0.5)).to.equal(undefined);
    expect(percentile([3, 1, 2, 4], 0.5)).to.equal(3);
    expect(percentile([3, 1, 2, 4], 1)).to.equal(4);
  });
});

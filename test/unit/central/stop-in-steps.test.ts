// central/stop-in-steps: a part that never stops is named, and the parts after it still stop.
import { expect } from 'chai';
import { stopInSteps } from '../../../central/stop-in-steps.js';
import { ProntoError } from '../../../validators/errors.js';

describe('central/stop-in-steps', () => {
  it('runs every step in order when each finishes', async () => {
    const ran: string[] = [];
    await stopInSteps(['a', 'b', 'c'].map((name) => ({ name, run: async () => { ran.push(name); } })), 1_000);
    expect(ran).to.deep.equal(['a', 'b', 'c']);
  });

  it('names a step that never finishes, and still runs the steps after it', async () => {
    const ran: string[] = [];
    const err = await stopInSteps([
      { name: 'HTTP server', run: async () => { ran.push('HTTP server'); } },
      { name: 'change feed', run: () => { ran.push('change feed'); return new Promise<void>(() => {}); } },
      { name: 'CouchDB connection', run: async () => { ran.push('CouchDB connection'); } },
    ], 20).then(() => null, (e: unknown) => e);
    expect(ran).to.deep.equal(['HTTP server', 'change feed', 'CouchDB connection']);
    expect(err).to.be.instanceOf(ProntoError);
    expect((err as ProntoError).code).to.equal('STOP_TIMEOUT');
    expect((err as ProntoError).message).to.contain('change feed').and.not.contain('HTTP server');
  });

  it('rethrows the first step that failed, after running the rest', async () => {
    const ran: string[] = [];
    const err = await stopInSteps([
      { name: 'a', run: async () => { throw new Error('a broke'); } },
      { name: 'b', run: async () => { ran.push('b'); } },
    ], 1_000).then(() => null, (e: unknown) => e);
    expect(ran).to.deep.equal(['b']);
    expect((err as Error).message).to.equal('a broke');
  });
});

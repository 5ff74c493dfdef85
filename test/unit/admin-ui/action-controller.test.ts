import { expect } from 'chai';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ActionController } from '../../../admin-ui/controllers/action-controller.js';
import { ApiError } from '../../../admin-ui/services/api.js';
import type { MessageKey } from '../../../admin-ui/i18n/translate.js';

/** A host that counts the updates it was asked for. */
function fakeHost(): ReactiveControllerHost & { updates: number } {
  return {
    updates: 0,
    addController(_c: ReactiveController) {},
    removeController(_c: ReactiveController) {},
    requestUpdate() { this.updates += 1; },
    updateComplete: Promise.resolve(true),
  };
}

const t = (key: MessageKey, params?: Record<string, string | number>) => (params ? `${key} ${JSON.stringify(params)}` : key);

describe('admin-ui/controllers/action-controller', function () {
  it('is busy while the action runs, and not after; true when it went through', async function () {
    const host = fakeHost();
    const work = new ActionController(host, () => t);
    let busyInside = false;
    const ok = await work.run(async () => { busyInside = work.busy; });
    expect({ ok, busyInside, busy: work.busy, error: work.error }).to.deep.equal({ ok: true, busyInside: true, busy: false, error: '' });
    expect(host.updates, 'the host re-renders when it starts and when it ends').to.equal(2);
  });

  it('keeps a failure in the user\'s words, and clears it when the next action starts', async function () {
    const work = new ActionController(fakeHost(), () => t);
    expect(await work.run(() => Promise.reject(new ApiError(403, 'FORBIDDEN', 'no')))).to.equal(false);
    expect(work.error).to.equal('error.FORBIDDEN');
    expect(work.busy).to.equal(false);
    let seen = 'unset';
    await work.run(async () => { seen = work.error; });
    expect(seen).to.equal('');
  });

  it('lets the caller explain a failure its own way', async function () {
    const work = new ActionController(fakeHost(), () => t);
    await work.run(() => Promise.reject(new ApiError(409, 'CONFLICT', 'taken')), () => 'acct.errTaken');
    expect(work.error).to.equal('acct.errTaken');
  });

  it('says what a form check found without running anything', function () {
    const host = fakeHost();
    const work = new ActionController(host, () => t);
    work.say('acct.errReason');
    expect(work.error).to.equal('acct.errReason');
    expect(host.updates).to.equal(1);
  });
});

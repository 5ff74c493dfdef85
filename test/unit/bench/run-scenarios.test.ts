import { expect } from 'chai';
import { runScenarios } from '../../../bench/lib/run-scenarios.js';
import type { Result, Scenario } from '../../../bench/lib/scenario.js';

const figure = (scenario: string): Result => ({ scenario, unit: 'ms', better: 'lower', ours: [1, 2, 3], baseline: [4, 4, 4], baselineName: 'raw' });

describe('bench/lib/run-scenarios', () => {
  it('runs every scenario in order with the context, and a failing one does not stop the rest', async () => {
    const seen: string[] = [];
    const lines: string[] = [];
    const scenarios: Scenario[] = [
      { name: 'a', async run(ctx) { seen.push(`a quick=${ctx.quick} repeats=${ctx.repeats}`); ctx.progress('half-way'); return [figure('a1'), figure('a2')]; } },
      { name: 'boom', async run() { seen.push('boom'); throw new Error('central did not answer'); } },
      { name: 'sync-throw', run() { throw new Error('thrown before any promise'); } },
      { name: 'c', async run() { seen.push('c'); return [figure('c1')]; } },
    ];
    const out = await runScenarios(scenarios, { quick: true, repeats: 2, timeoutMs: 5_000, say: (l) => lines.push(l) });
    expect(seen).to.deep.equal(['a quick=true repeats=2', 'boom', 'c']);
    expect(out.summaries.map((s) => s.scenario)).to.deep.equal(['a1', 'a2', 'c1']);
    expect(out.summaries[0]).to.deep.include({ ours: 2, baseline: 4, ratio: 0.5, from: 'a' });
    expect(out.summaries[2]).to.deep.include({ from: 'c' });
    expect(out.failures).to.deep.equal([{ scenario: 'boom', message: 'central did not answer' }, { scenario: 'sync-throw', message: 'thrown before any promise' }]);
    expect(lines.some((l) => /^\[1\/4\] a [0-9.]+ s: half-way$/.test(l))).to.equal(true);
    expect(lines.some((l) => l.startsWith('[2/4] boom FAILED'))).to.equal(true);
  });

  it('reports a scenario that overruns its time as failed and goes on', async () => {
    let timer: NodeJS.Timeout | undefined;
    const scenarios: Scenario[] = [
      { name: 'stuck', run: () => new Promise((resolve) => { timer = setTimeout(() => resolve([]), 5_000); }) },
      { name: 'ok', async run() { return [figure('ok')]; } },
    ];
    const out = await runScenarios(scenarios, { quick: true, repeats: 1, timeoutMs: 50, say: () => undefined });
    clearTimeout(timer);
    expect(out.failures).to.have.length(1);
    expect(out.failures[0]!.message).to.match(/stuck did not finish within 0\.1 s/);
    expect(out.summaries.map((s) => s.scenario)).to.deep.equal(['ok']);
  });
});

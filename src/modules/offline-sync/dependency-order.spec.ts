import {
  collectLocalRefs,
  isLocalRef,
  planDependencies,
  resolveLocalRefs,
  runInDependencyOrder,
  stronglyConnected,
  type DependencyPlan,
} from './dependency-order';

const ref = (id: string) => ({ $local: id });
const none = () => false;

describe('isLocalRef', () => {
  it('accepts exactly {"$local": string}', () => {
    expect(isLocalRef({ $local: 'c1' })).toBe(true);
  });

  it('rejects objects with other keys, non-string ids, arrays and scalars', () => {
    expect(isLocalRef({ $local: 'c1', name: 'x' })).toBe(false);
    expect(isLocalRef({ $local: 5 })).toBe(false);
    expect(isLocalRef([{ $local: 'c1' }])).toBe(false);
    expect(isLocalRef('c1')).toBe(false);
    expect(isLocalRef(null)).toBe(false);
  });
});

describe('collectLocalRefs', () => {
  it('finds references in fields, inside x2many command lists and nested values', () => {
    const data = {
      partner_id: ref('cust'),
      order_line: [
        [0, 0, { product_id: ref('prod'), product_uom_qty: 2 }],
        [1, ref('line9'), { product_uom_qty: 5 }],
        [4, ref('line7')],
        [6, 0, [ref('tag1'), 3, ref('tag2')]],
      ],
      note: 'plain',
      meta: { deep: { deeper: ref('cust') } },
    };
    expect([...collectLocalRefs(data)]).toEqual(['cust', 'prod', 'line9', 'line7', 'tag1', 'tag2']);
  });

  it('returns nothing for data without references', () => {
    expect(collectLocalRefs({ name: 'A', ids: [1, 2], nested: { $localish: 'x' } }).size).toBe(0);
  });
});

describe('resolveLocalRefs', () => {
  const ids: Record<string, number> = { cust: 42, prod: 7, line9: 90 };
  const lookup = (id: string) => ids[id];

  it('replaces every reference with its server id without touching the input', () => {
    const data = {
      partner_id: ref('cust'),
      order_line: [
        [0, 0, { product_id: ref('prod'), qty: 1 }],
        [1, ref('line9'), { qty: 5 }],
      ],
    };
    const { value, missing } = resolveLocalRefs(data, lookup);
    expect(missing).toEqual([]);
    expect(value).toEqual({ partner_id: 42, order_line: [[0, 0, { product_id: 7, qty: 1 }], [1, 90, { qty: 5 }]] });
    expect(data.partner_id).toEqual(ref('cust'));
  });

  it('reports references it cannot resolve once each and leaves them in place', () => {
    const { value, missing } = resolveLocalRefs({ a: ref('x'), b: [ref('x'), ref('cust')] }, lookup);
    expect(missing).toEqual(['x']);
    expect(value).toEqual({ a: ref('x'), b: [ref('x'), 42] });
  });

  it('resolves a bare reference value (a record_id)', () => {
    expect(resolveLocalRefs(ref('cust'), lookup).value).toBe(42);
  });
});

describe('stronglyConnected', () => {
  it('groups a cycle into one component and keeps other nodes alone', () => {
    const edges = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    const components = stronglyConnected(['a', 'b', 'c', 'd'], edges).map((c) => [...c].sort());
    expect(components).toContainEqual(['a', 'b', 'c']);
    expect(components).toContainEqual(['d']);
  });

  it('handles a 5000-long chain without overflowing the stack', () => {
    const nodes = Array.from({ length: 5000 }, (_, i) => `n${i}`);
    const edges = new Map(nodes.map((n, i) => [n, i > 0 ? [nodes[i - 1]] : []]));
    expect(stronglyConnected(nodes, edges)).toHaveLength(5000);
  });
});

describe('planDependencies', () => {
  it('orders the sales scenario prerequisites first whatever the input order', () => {
    const plan = planDependencies(
      [
        { localId: 'line1', refs: ['order'] },
        { localId: 'line2', refs: ['order'] },
        { localId: 'order', refs: ['cust'] },
        { localId: 'line3', refs: ['order'] },
        { localId: 'cust', refs: [] },
      ],
      none,
    );
    expect(plan.blocked.size).toBe(0);
    expect(plan.order).toEqual(['cust', 'order', 'line1', 'line2', 'line3']);
    expect(plan.prerequisites.get('line2')).toEqual(['order']);
    expect(plan.prerequisites.get('cust')).toEqual([]);
  });

  it('keeps input order for independent changes', () => {
    const plan = planDependencies([{ localId: 'b', refs: [] }, { localId: 'a', refs: [] }, { localId: 'c', refs: [] }], none);
    expect(plan.order).toEqual(['b', 'a', 'c']);
  });

  it('treats references pushed earlier by the device as satisfied, without waiting', () => {
    const plan = planDependencies([{ localId: 'line', refs: ['old-order'] }], (id) => id === 'old-order');
    expect(plan.order).toEqual(['line']);
    expect(plan.prerequisites.get('line')).toEqual([]);
  });

  it('fails only the change with a dangling reference and what depends on it', () => {
    const plan = planDependencies(
      [
        { localId: 'a', refs: ['ghost'] },
        { localId: 'b', refs: ['a'] },
        { localId: 'c', refs: [] },
      ],
      none,
    );
    expect(plan.order).toEqual(['c']);
    expect(plan.blocked.get('a')).toMatchObject({ code: 'UNRESOLVED_REFERENCE', involved: ['ghost'] });
    expect(plan.blocked.get('b')).toMatchObject({ code: 'DEPENDENCY_FAILED', involved: ['a'] });
  });

  it('marks every member of a cycle and fails their dependents, leaving the rest runnable', () => {
    const plan = planDependencies(
      [
        { localId: 'x', refs: ['y'] },
        { localId: 'y', refs: ['z'] },
        { localId: 'z', refs: ['x'] },
        { localId: 'w', refs: ['y'] },
        { localId: 'free', refs: [] },
      ],
      none,
    );
    expect(plan.order).toEqual(['free']);
    for (const id of ['x', 'y', 'z']) {
      expect(plan.blocked.get(id)).toMatchObject({ code: 'DEPENDENCY_CYCLE', involved: ['x', 'y', 'z'] });
    }
    expect(plan.blocked.get('w')).toMatchObject({ code: 'DEPENDENCY_FAILED', involved: ['y'] });
  });

  it('treats a self reference as a cycle', () => {
    const plan = planDependencies([{ localId: 'me', refs: ['me'] }], none);
    expect(plan.blocked.get('me')?.code).toBe('DEPENDENCY_CYCLE');
    expect(plan.order).toEqual([]);
  });

  it('propagates DEPENDENCY_FAILED transitively down a chain', () => {
    const plan = planDependencies(
      [
        { localId: 'c', refs: ['b'] },
        { localId: 'b', refs: ['a'] },
        { localId: 'a', refs: ['missing'] },
      ],
      none,
    );
    expect(plan.blocked.get('a')?.code).toBe('UNRESOLVED_REFERENCE');
    expect(plan.blocked.get('b')).toMatchObject({ code: 'DEPENDENCY_FAILED', involved: ['a'] });
    expect(plan.blocked.get('c')).toMatchObject({ code: 'DEPENDENCY_FAILED', involved: ['b'] });
  });

  it('counts a reference repeated in data and dependencies once', () => {
    const plan = planDependencies(
      [
        { localId: 'o', refs: [] },
        { localId: 'l', refs: ['o', 'o', 'o'] },
      ],
      none,
    );
    expect(plan.prerequisites.get('l')).toEqual(['o']);
  });
});

interface Outcome {
  id: string;
  ok: boolean;
  note?: string;
}

function deferred() {
  let release!: () => void;
  const promise = new Promise<void>((r) => (release = r));
  return { promise, release };
}

function schedule(plan: DependencyPlan, run: (id: string) => Promise<Outcome>, concurrency = 8, stop = false) {
  return runInDependencyOrder<Outcome>(plan, {
    concurrency,
    run,
    succeeded: (r) => r.ok,
    dependencyFailed: (id, p) => ({ id, ok: false, note: `dep:${p}` }),
    stopAfter: stop ? (r) => !r.ok : undefined,
    skipped: (id) => ({ id, ok: false, note: 'skipped' }),
  });
}

describe('runInDependencyOrder', () => {
  it('never starts a change before its prerequisites finished', async () => {
    const plan = planDependencies(
      [
        { localId: 'line1', refs: ['order'] },
        { localId: 'order', refs: ['cust'] },
        { localId: 'cust', refs: [] },
        { localId: 'line2', refs: ['order'] },
      ],
      none,
    );
    const finished = new Set<string>();
    const results = await schedule(plan, async (id) => {
      for (const p of plan.prerequisites.get(id) ?? []) expect(finished.has(p)).toBe(true);
      await Promise.resolve();
      finished.add(id);
      return { id, ok: true };
    });
    expect([...results.values()].every((r) => r.ok)).toBe(true);
    expect(finished.size).toBe(4);
  });

  it('runs independent changes concurrently up to the pool size', async () => {
    const plan = planDependencies(Array.from({ length: 10 }, (_, i) => ({ localId: `c${i}`, refs: [] })), none);
    let running = 0;
    let peak = 0;
    const gate = deferred();
    const done = schedule(
      plan,
      async (id) => {
        running++;
        peak = Math.max(peak, running);
        await gate.promise;
        running--;
        return { id, ok: true };
      },
      3,
    );
    await new Promise((r) => setImmediate(r));
    expect(running).toBe(3);
    gate.release();
    const results = await done;
    expect(results.size).toBe(10);
    expect(peak).toBe(3);
  });

  it('lets a dependent start as soon as its own prerequisite is done, not the whole level', async () => {
    const plan = planDependencies(
      [
        { localId: 'slow', refs: [] },
        { localId: 'fast', refs: [] },
        { localId: 'after-fast', refs: ['fast'] },
      ],
      none,
    );
    const slow = deferred();
    const started: string[] = [];
    const done = schedule(plan, async (id) => {
      started.push(id);
      if (id === 'slow') await slow.promise;
      return { id, ok: true };
    });
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual(['slow', 'fast', 'after-fast']);
    slow.release();
    await done;
  });

  it('fails dependents of a failed change without running them, and runs the rest', async () => {
    const plan = planDependencies(
      [
        { localId: 'a', refs: [] },
        { localId: 'b', refs: ['a'] },
        { localId: 'c', refs: ['b'] },
        { localId: 'd', refs: [] },
      ],
      none,
    );
    const ran: string[] = [];
    const results = await schedule(plan, async (id) => {
      ran.push(id);
      return { id, ok: id !== 'a' };
    });
    expect(ran.sort()).toEqual(['a', 'd']);
    expect(results.get('b')).toEqual({ id: 'b', ok: false, note: 'dep:a' });
    expect(results.get('c')).toEqual({ id: 'c', ok: false, note: 'dep:b' });
    expect(results.get('d')?.ok).toBe(true);
  });

  it('skips everything not yet started after a failure when stopping on error', async () => {
    const plan = planDependencies(['a', 'b', 'c', 'd'].map((id) => ({ localId: id, refs: [] })), none);
    const ran: string[] = [];
    const results = await schedule(
      plan,
      async (id) => {
        ran.push(id);
        return { id, ok: id !== 'b' };
      },
      1,
      true,
    );
    expect(ran).toEqual(['a', 'b']);
    expect(results.get('c')?.note).toBe('skipped');
    expect(results.get('d')?.note).toBe('skipped');
    expect(results.get('a')?.ok).toBe(true);
  });

  it('resolves with an empty map for an empty plan', async () => {
    const results = await schedule(planDependencies([], none), async (id) => ({ id, ok: true }));
    expect(results.size).toBe(0);
  });

  it('rejects when run throws', async () => {
    const plan = planDependencies([{ localId: 'a', refs: [] }], none);
    await expect(schedule(plan, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
  });
});

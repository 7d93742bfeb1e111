/**
 * Dependencies between offline changes: `{"$local": "<local_id>"}` references anywhere in a change
 * (including inside Odoo x2many command lists) plus its explicit `dependencies`, the plan that orders
 * them, and a scheduler that runs independent changes concurrently while dependents wait only for
 * what they reference.
 */

export interface LocalRef {
  $local: string;
}

/** Exactly `{"$local": "<id>"}`: an object with any other key is ordinary data. */
export function isLocalRef(value: unknown): value is LocalRef {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === '$local' && typeof (value as LocalRef).$local === 'string';
}

/** Every local id referenced anywhere inside value, in first-seen order. */
export function collectLocalRefs(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (isLocalRef(value)) {
    into.add(value.$local);
  } else if (Array.isArray(value)) {
    for (const item of value) collectLocalRefs(item, into);
  } else if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) collectLocalRefs(item, into);
  }
  return into;
}

/**
 * A copy of value with every reference replaced by the server id lookup gives; references it cannot
 * resolve are left in place and reported.
 */
export function resolveLocalRefs(value: unknown, lookup: (localId: string) => number | undefined): { value: unknown; missing: string[] } {
  const missing = new Set<string>();
  const walk = (v: unknown): unknown => {
    if (isLocalRef(v)) {
      const id = lookup(v.$local);
      if (id === undefined) {
        missing.add(v.$local);
        return v;
      }
      return id;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v === 'object' && v !== null) {
      return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, walk(item)]));
    }
    return v;
  };
  const resolved = walk(value);
  return { value: resolved, missing: [...missing] };
}

export type BlockCode = 'DEPENDENCY_CYCLE' | 'UNRESOLVED_REFERENCE' | 'DEPENDENCY_FAILED';

export interface Blocked {
  code: BlockCode;
  message: string;
  /** The local ids that cause the block (the cycle's members, the missing references, the failed prerequisite). */
  involved: string[];
}

export interface ChangeRefs {
  localId: string;
  /** Every local id the change references (data, record_id, dependencies); duplicates allowed. */
  refs: Iterable<string>;
}

export interface DependencyPlan {
  /** Runnable changes in an order where each comes after its prerequisites (input order otherwise). */
  order: string[];
  /** For each runnable change, the changes of this batch it must wait for. */
  prerequisites: Map<string, string[]>;
  /** Changes that cannot run at all, and why. */
  blocked: Map<string, Blocked>;
}

/**
 * Orders a batch. A reference to a local id outside the batch must be known from an earlier push
 * (`knownElsewhere`) or the change is UNRESOLVED_REFERENCE; members of a cycle (a self reference
 * included) are DEPENDENCY_CYCLE; anything that depends on a blocked change is DEPENDENCY_FAILED.
 * The rest of the batch is unaffected. Local ids must be unique within the batch.
 */
export function planDependencies(changes: readonly ChangeRefs[], knownElsewhere: (localId: string) => boolean): DependencyPlan {
  const index = new Map(changes.map((c, i) => [c.localId, i]));
  const edges = new Map<string, string[]>();
  const blocked = new Map<string, Blocked>();

  for (const change of changes) {
    const inBatch: string[] = [];
    const missing: string[] = [];
    for (const ref of new Set(change.refs)) {
      if (index.has(ref)) inBatch.push(ref);
      else if (!knownElsewhere(ref)) missing.push(ref);
    }
    edges.set(change.localId, inBatch);
    if (missing.length > 0) {
      blocked.set(change.localId, {
        code: 'UNRESOLVED_REFERENCE',
        message: `References unknown local id(s) ${missing.map((m) => `"${m}"`).join(', ')}: not in this push and never pushed by this device`,
        involved: missing,
      });
    }
  }

  for (const component of stronglyConnected(changes.map((c) => c.localId), edges)) {
    const selfLoop = component.length === 1 && (edges.get(component[0]) ?? []).includes(component[0]);
    if (component.length < 2 && !selfLoop) continue;
    const members = [...component].sort((a, b) => (index.get(a) ?? 0) - (index.get(b) ?? 0));
    for (const id of members) {
      blocked.set(id, {
        code: 'DEPENDENCY_CYCLE',
        message: `Dependency cycle between ${members.map((m) => `"${m}"`).join(', ')}`,
        involved: members,
      });
    }
  }

  // Post-order DFS in input order gives prerequisites first and keeps independent changes in input order.
  const order: string[] = [];
  const visited = new Set<string>();
  const visit = (id: string): void => {
    if (visited.has(id)) return;
    visited.add(id);
    const prerequisites = edges.get(id) ?? [];
    for (const p of prerequisites) if (!isCycleMember(blocked, p)) visit(p);
    if (blocked.has(id)) return;
    const failed = prerequisites.find((p) => blocked.has(p));
    if (failed !== undefined) {
      blocked.set(id, {
        code: 'DEPENDENCY_FAILED',
        message: `Depends on "${failed}", which cannot run (${blocked.get(failed)?.code})`,
        involved: [failed],
      });
      return;
    }
    order.push(id);
  };
  for (const change of changes) visit(change.localId);

  const prerequisites = new Map(order.map((id) => [id, edges.get(id) ?? []]));
  return { order, prerequisites, blocked };
}

function isCycleMember(blocked: Map<string, Blocked>, id: string): boolean {
  return blocked.get(id)?.code === 'DEPENDENCY_CYCLE';
}

/** Tarjan's strongly connected components, iterative so a 1000-long chain cannot overflow the stack. */
export function stronglyConnected(nodes: readonly string[], edges: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];

  for (const root of nodes) {
    if (indexOf.has(root)) continue;
    const work: Array<{ node: string; next: number }> = [{ node: root, next: 0 }];
    indexOf.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const targets = edges.get(frame.node) ?? [];
      if (frame.next < targets.length) {
        const target = targets[frame.next++];
        if (!indexOf.has(target)) {
          indexOf.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node) as number, indexOf.get(target) as number));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node) as number, low.get(frame.node) as number));
      if (low.get(frame.node) === indexOf.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop() as string;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        components.push(component);
      }
    }
  }
  return components;
}

export interface ScheduleOptions<R> {
  /** At most this many changes run at once. */
  concurrency: number;
  /** Executes one change; must not throw (failures are results). */
  run: (localId: string) => Promise<R>;
  /** Whether the changes that depend on this result may run. */
  succeeded: (result: R) => boolean;
  /** The result of a change whose prerequisite did not succeed (it is never run). */
  dependencyFailed: (localId: string, prerequisite: string, prerequisiteResult: R) => R;
  /** stop_on_error: after a result for which this is true no new change starts. */
  stopAfter?: (result: R) => boolean;
  /** The result of a change that was not started because of stopAfter. */
  skipped: (localId: string) => R;
}

/**
 * Runs a plan: a change starts as soon as all its prerequisites succeeded and a slot is free (ready
 * changes start in plan order). Results come back for every change of plan.order.
 */
export function runInDependencyOrder<R>(plan: DependencyPlan, options: ScheduleOptions<R>): Promise<Map<string, R>> {
  const position = new Map(plan.order.map((id, i) => [id, i]));
  const waitingOn = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const id of plan.order) {
    const prerequisites = plan.prerequisites.get(id) ?? [];
    waitingOn.set(id, prerequisites.length);
    for (const p of prerequisites) dependents.set(p, [...(dependents.get(p) ?? []), id]);
  }
  const results = new Map<string, R>();
  const ready = plan.order.filter((id) => waitingOn.get(id) === 0);
  let running = 0;
  let stopped = false;

  return new Promise((resolve, reject) => {
    const failDependents = (id: string, result: R): void => {
      for (const d of dependents.get(id) ?? []) {
        if (results.has(d)) continue;
        const failed = options.dependencyFailed(d, id, result);
        results.set(d, failed);
        failDependents(d, failed);
      }
    };
    const complete = (id: string, result: R): void => {
      running--;
      results.set(id, result);
      if (options.stopAfter?.(result)) stopped = true;
      if (options.succeeded(result)) {
        for (const d of dependents.get(id) ?? []) {
          const left = (waitingOn.get(d) as number) - 1;
          waitingOn.set(d, left);
          if (left === 0 && !results.has(d)) insertByPosition(ready, d, position);
        }
      } else {
        failDependents(id, result);
      }
      pump();
    };
    const pump = (): void => {
      while (!stopped && running < options.concurrency && ready.length > 0) {
        const id = ready.shift() as string;
        if (results.has(id)) continue;
        running++;
        options.run(id).then((r) => complete(id, r), reject);
      }
      if (running > 0) return;
      if (stopped || ready.length === 0) {
        for (const id of plan.order) if (!results.has(id)) results.set(id, options.skipped(id));
        resolve(results);
      }
    };
    pump();
  });
}

function insertByPosition(queue: string[], id: string, position: Map<string, number>): void {
  const p = position.get(id) as number;
  let i = queue.length;
  while (i > 0 && (position.get(queue[i - 1]) as number) > p) i--;
  queue.splice(i, 0, id);
}

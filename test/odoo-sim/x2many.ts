import { valueError } from './errors';
import { pyRepr } from './py-format';
import type { Vals } from './types';

/**
 * Odoo's x2many write commands, planned without touching storage:
 * [0,0,vals] create · [1,id,vals] update · [2,id] delete · [3,id] unlink · [4,id] link · [5] clear ·
 * [6,0,ids] replace. A bare list of ids is accepted as [6,0,ids], as Odoo does for many2many.
 */

export type X2ManyItem = { id: number } | { newIndex: number };

export interface X2ManyPlan {
  /** Final content, in order; `newIndex` points into `create`. */
  items: X2ManyItem[];
  create: Vals[];
  update: Array<{ id: number; vals: Vals }>;
  /** Records to delete from the comodel ([2, id]). */
  delete: number[];
  /** Records removed from the relation but kept ([3, id], [5], [6, ...]). */
  unlink: number[];
  /** Records newly added to the relation ([4, id], [6, ...]). */
  link: number[];
}

function toId(value: unknown, command: unknown): number {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  throw valueError(`Invalid x2many command ${pyRepr(command)}`);
}

function toVals(value: unknown, command: unknown): Vals {
  if (value && typeof value === 'object' && !Array.isArray(value)) return value as Vals;
  throw valueError(`Invalid x2many command ${pyRepr(command)}`);
}

export function planX2ManyCommands(current: readonly number[], commands: unknown): X2ManyPlan {
  const plan: X2ManyPlan = { items: current.map((id) => ({ id })), create: [], update: [], delete: [], unlink: [], link: [] };
  if (commands === false || commands === null || commands === undefined) {
    return planX2ManyCommands(current, [[5]]);
  }
  if (!Array.isArray(commands)) throw valueError(`Invalid x2many value ${pyRepr(commands)}`);
  if (commands.every((c) => typeof c === 'number')) return planX2ManyCommands(current, [[6, 0, commands]]);

  const has = (id: number): boolean => plan.items.some((item) => 'id' in item && item.id === id);
  const remove = (id: number): void => {
    plan.items = plan.items.filter((item) => !('id' in item) || item.id !== id);
  };

  for (const command of commands) {
    if (!Array.isArray(command) || command.length === 0) throw valueError(`Invalid x2many command ${pyRepr(command)}`);
    const [code, a, b] = command as unknown[];
    switch (code) {
      case 0:
        plan.create.push(toVals(b, command));
        plan.items.push({ newIndex: plan.create.length - 1 });
        break;
      case 1:
        plan.update.push({ id: toId(a, command), vals: toVals(b, command) });
        break;
      case 2: {
        const id = toId(a, command);
        remove(id);
        plan.delete.push(id);
        break;
      }
      case 3: {
        const id = toId(a, command);
        if (has(id)) {
          remove(id);
          plan.unlink.push(id);
        }
        break;
      }
      case 4: {
        const id = toId(a, command);
        if (!has(id)) {
          plan.items.push({ id });
          plan.link.push(id);
        }
        break;
      }
      case 5:
        for (const item of plan.items) if ('id' in item) plan.unlink.push(item.id);
        plan.items = plan.items.filter((item) => !('id' in item));
        break;
      case 6: {
        if (!Array.isArray(b)) throw valueError(`Invalid x2many command ${pyRepr(command)}`);
        const ids = b.map((id) => toId(id, command));
        const keep = new Set(ids);
        for (const item of plan.items) if ('id' in item && !keep.has(item.id)) plan.unlink.push(item.id);
        const existing = new Set(plan.items.flatMap((item) => ('id' in item ? [item.id] : [])));
        for (const id of ids) if (!existing.has(id)) plan.link.push(id);
        plan.items = [...plan.items.filter((item) => !('id' in item)), ...[...keep].map((id) => ({ id }))];
        break;
      }
      default:
        throw valueError(`Invalid x2many command ${pyRepr(command)}`);
    }
  }
  return plan;
}

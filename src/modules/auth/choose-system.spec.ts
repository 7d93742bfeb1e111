import { SystemNotFound } from '../systems/systems.errors';
import type { SystemRecord } from '../systems/systems.types';
import { NoSystemConnected, SystemRequired } from './auth.errors';
import { chooseSystem } from './choose-system';

const system = (id: string, database: string): SystemRecord => ({
  id,
  name: id,
  url: 'http://odoo',
  database,
  username: 'admin',
  protocol: 'jsonrpc',
  odooVersion: '18.0',
  isConnected: true,
  options: {},
});

const a = system('a', 'db1');
const b = system('b', 'db2');
const c = system('c', 'db2');
const def = system('default', 'db0');

function error(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('chooseSystem', () => {
  it('picks by system id first', () => {
    expect(chooseSystem([a, b], { systemId: 'b', database: 'db1' })).toBe(b);
    expect(error(() => chooseSystem([a], { systemId: 'zz' }))).toBeInstanceOf(SystemNotFound);
  });

  it('picks by database name when it is unique', () => {
    expect(chooseSystem([a, b], { database: 'db1' })).toBe(a);
    expect(error(() => chooseSystem([a, b, c], { database: 'db2' }))).toBeInstanceOf(SystemRequired);
    expect(error(() => chooseSystem([a], { database: 'nope' }))).toBeInstanceOf(SystemNotFound);
  });

  it('falls back to the only system, then to default', () => {
    expect(chooseSystem([b], {})).toBe(b);
    expect(chooseSystem([a, def], {})).toBe(def);
    expect(error(() => chooseSystem([a, b], {}))).toBeInstanceOf(SystemRequired);
  });

  it('says that no system is connected, and how to connect one, on a fresh install', () => {
    for (const wanted of [{}, { systemId: 'default' }, { database: 'demo' }]) {
      const e = error(() => chooseSystem([], wanted));
      expect(e).toBeInstanceOf(NoSystemConnected);
      expect((e as NoSystemConnected).code).toBe('NO_SYSTEM_CONNECTED');
      expect((e as NoSystemConnected).message).toContain('POST /systems/{system_id}/connect');
      expect((e as NoSystemConnected).message).toContain('ODOO_URL');
    }
  });
});

import { Logger } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import { Kysely, PostgresDialect, sql } from 'kysely';
import type { Pool } from 'pg';
import { DatabaseUnavailable } from '../common/errors';
import { borrowedFrom, isServerGone, OutageLog } from './database';
import type { Database } from './schema';

/** A borrowed pg client: answers each statement with `answer`, records how it was given back. */
class FakeClient extends EventEmitter {
  released: Array<Error | undefined> = [];
  constructor(private readonly answer: (client: FakeClient) => Promise<unknown>) {
    super();
  }
  query(): Promise<unknown> {
    return this.answer(this);
  }
  release(error?: Error): void {
    this.released.push(error);
  }
}

function dbOver(connect: () => Promise<FakeClient>): Kysely<Database> {
  const pool = { connect, end: async () => undefined } as unknown as Pool;
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: borrowedFrom(pool, new OutageLog()) }) });
}

const select1 = (db: Kysely<Database>) => sql`select 1`.execute(db);

describe('borrowedFrom', () => {
  // The outage is logged (error, then "back"): not what this spec is about.
  beforeAll(() => {
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });
  afterAll(() => jest.restoreAllMocks());

  it('turns a connection the server drops under a statement into DatabaseUnavailable, and closes it', async () => {
    const dropped = new Error('Connection terminated unexpectedly');
    // What pg does: the client emits 'error' at once, the statement fails on the next tick.
    const client = new FakeClient(async (c) => {
      c.emit('error', dropped);
      await new Promise((r) => process.nextTick(r));
      throw dropped;
    });
    const failure = await select1(dbOver(async () => client)).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DatabaseUnavailable);
    expect([(failure as DatabaseUnavailable).code, (failure as DatabaseUnavailable).reason]).toEqual([
      'DATABASE_UNAVAILABLE',
      'Connection terminated unexpectedly',
    ]);
    expect(client.released).toEqual([dropped]);
    expect(client.listenerCount('error')).toBe(0);
  });

  it('survives an error event while a borrowed connection is between statements', async () => {
    const client = new FakeClient(async () => ({ rows: [], rowCount: 0, command: 'SELECT' }));
    const db = dbOver(async () => client);
    await db.connection().execute(async (conn) => {
      await select1(conn);
      // Heard, so not thrown at the process as an unhandled 'error' event.
      expect(client.emit('error', new Error('read ECONNRESET'))).toBe(true);
    });
    expect(client.released.map((e) => e?.message)).toEqual(['read ECONNRESET']);
  });

  it('turns a refused connection into DatabaseUnavailable', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const failure = await select1(dbOver(() => Promise.reject(refused))).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DatabaseUnavailable);
    expect((failure as DatabaseUnavailable).retryAfterSeconds).toBe(5);
  });

  it('turns a server shutting down (57P01) into DatabaseUnavailable and closes the connection', async () => {
    const shutdown = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    const client = new FakeClient(() => Promise.reject(shutdown));
    const failure = await select1(dbOver(async () => client)).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DatabaseUnavailable);
    expect(client.released).toEqual([shutdown]);
  });

  it('passes a failure of the statement itself through unchanged, and keeps the connection', async () => {
    const duplicate = Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' });
    const client = new FakeClient(() => Promise.reject(duplicate));
    const failure = await select1(dbOver(async () => client)).catch((e: unknown) => e);
    expect(failure).toBe(duplicate);
    expect(client.released).toEqual([undefined]);
  });
});

describe('isServerGone', () => {
  it.each([
    ['08006', true],
    ['08001', true],
    ['57P01', true],
    ['57P02', true],
    ['57P03', true],
    ['53300', true],
    ['23505', false],
    ['40001', false],
    ['57014', false],
    ['ECONNREFUSED', false],
  ])('SQLSTATE %s → %s', (code, gone) => {
    expect(isServerGone(Object.assign(new Error('x'), { code }))).toBe(gone);
  });

  it('is false for errors without a code', () => {
    expect([isServerGone(new Error('x')), isServerGone(null), isServerGone('x')]).toEqual([false, false, false]);
  });
});

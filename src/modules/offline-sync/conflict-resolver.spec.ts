import {
  baseTimestamp,
  changedSinceBase,
  clientIsNewer,
  decideDelete,
  decideUpdate,
  sameValue,
  threeWayMerge,
  type UpdateDecisionInput,
} from './conflict-resolver';

describe('baseTimestamp', () => {
  it('prefers base_data.write_date over version and local_timestamp', () => {
    const base = baseTimestamp({
      base_data: { write_date: '2026-11-22 10:00:00' },
      version: '2026-11-22 11:00:00',
      local_timestamp: '2026-11-22T12:00:00Z',
    });
    expect(base?.toISOString()).toBe('2026-11-22T10:00:00.000Z');
  });

  it('uses a string version as a write_date, ignores an integer version', () => {
    expect(baseTimestamp({ version: '2026-11-22 11:00:00' })?.toISOString()).toBe('2026-11-22T11:00:00.000Z');
    expect(baseTimestamp({ version: 3, local_timestamp: '2026-11-22T12:00:00Z' })?.toISOString()).toBe('2026-11-22T12:00:00.000Z');
  });

  it('is null when the change carries no base at all', () => {
    expect(baseTimestamp({ version: 1 })).toBeNull();
  });
});

describe('changedSinceBase', () => {
  const base = { base_data: { write_date: '2026-11-22 10:00:00', name: 'Azure', phone: '555' } };

  it('is true when Odoo wrote in a later second', () => {
    expect(changedSinceBase({ write_date: '2026-11-22 10:00:01', name: 'Azure' }, base)).toBe(true);
  });

  it('is false for an earlier second', () => {
    expect(changedSinceBase({ write_date: '2026-11-22 09:59:59', name: 'Other' }, base)).toBe(false);
  });

  it('compares the values with base_data in the base\'s own second', () => {
    expect(changedSinceBase({ write_date: '2026-11-22 10:00:00', name: 'Azure', phone: '555' }, base)).toBe(false);
    expect(changedSinceBase({ write_date: '2026-11-22 10:00:00', name: 'Azure', phone: '556' }, base)).toBe(true);
    // A many2one reads as [id, name] and a base holds the bare id.
    expect(changedSinceBase({ write_date: '2026-11-22 10:00:00', user_id: [6, 'Marc'] }, { base_data: { write_date: '2026-11-22 10:00:00', user_id: 6 } })).toBe(false);
  });

  it('counts seconds, not the milliseconds of an ISO base', () => {
    const iso = { local_timestamp: '2026-11-22T10:00:00.900Z' };
    expect(changedSinceBase({ write_date: '2026-11-22 10:00:00' }, iso)).toBe(false);
    expect(changedSinceBase({ write_date: '2026-11-22 10:00:01' }, iso)).toBe(true);
  });

  it('is false without a base', () => {
    expect(changedSinceBase({ write_date: '2030-01-01 00:00:00' }, { version: 1 })).toBe(false);
  });
});

describe('sameValue', () => {
  it('compares a many2one read as [id, name] with a bare id', () => {
    expect(sameValue([7, 'Azure Interior'], 7)).toBe(true);
    expect(sameValue([7, 'Azure Interior'], 8)).toBe(false);
  });

  it('treats null and Odoo false as the same empty value', () => {
    expect(sameValue(null, false)).toBe(true);
    expect(sameValue(undefined, false)).toBe(true);
  });

  it('compares id lists as sets and objects by content', () => {
    expect(sameValue([3, 1, 2], [1, 2, 3])).toBe(true);
    expect(sameValue({ b: 1, a: 2 }, { a: 2, b: 1 })).toBe(true);
    expect(sameValue('x', 'y')).toBe(false);
  });
});

describe('threeWayMerge', () => {
  const base = { name: 'Acme', phone: '111', email: 'a@x.com', city: 'Paris' };

  it('merges non-overlapping edits cleanly', () => {
    const local = { ...base, phone: '222' };
    const server = { ...base, email: 'b@x.com' };
    expect(threeWayMerge(local, server, base)).toEqual({ clean: { phone: '222' }, conflicting: [] });
  });

  it('conflicts only on fields both sides changed to different values', () => {
    const local = { ...base, phone: '222', city: 'Lyon' };
    const server = { ...base, phone: '333', email: 'b@x.com' };
    expect(threeWayMerge(local, server, base)).toEqual({ clean: { city: 'Lyon' }, conflicting: ['phone'] });
  });

  it('does not conflict when both sides made the same edit', () => {
    const local = { ...base, phone: '222' };
    const server = { ...base, phone: '222' };
    expect(threeWayMerge(local, server, base)).toEqual({ clean: {}, conflicting: [] });
  });

  it('without a base value, conflicts on every field that differs from Odoo', () => {
    expect(threeWayMerge({ phone: '222', name: 'Acme' }, { phone: '333', name: 'Acme' })).toEqual({
      clean: {},
      conflicting: ['phone'],
    });
  });

  it('passes x2many command lists through as operations', () => {
    const lines = [[0, 0, { product_id: 5 }]];
    expect(threeWayMerge({ order_line: lines }, { order_line: [1, 2] }, { order_line: [1, 2] })).toEqual({
      clean: { order_line: lines },
      conflicting: [],
    });
  });

  it('compares many2one values by id', () => {
    const result = threeWayMerge({ partner_id: 9 }, { partner_id: [7, 'Azure'] }, { partner_id: 7 });
    expect(result).toEqual({ clean: { partner_id: 9 }, conflicting: [] });
  });
});

describe('decideUpdate', () => {
  const base = { write_date: '2026-11-22 10:00:00', phone: '111', email: 'a@x.com', city: 'Paris' };
  const server = { phone: '333', email: 'b@x.com', city: 'Paris' };
  const local = { phone: '222', email: 'a@x.com', city: 'Lyon' };
  const input = (over: Partial<UpdateDecisionInput>): UpdateDecisionInput => ({
    strategy: 'server_wins',
    local,
    server,
    base,
    serverWriteDate: '2026-11-22 10:05:00',
    localTimestamp: '2026-11-22T10:02:00Z',
    ...over,
  });

  it('writes the clean fields whatever the strategy when nothing conflicts', () => {
    for (const strategy of ['server_wins', 'manual', 'client_wins', 'merge', 'newest_wins'] as const) {
      const decision = decideUpdate(input({ strategy, local: { city: 'Lyon', email: 'a@x.com' } }));
      expect(decision).toEqual({ write: { city: 'Lyon' }, conflict: false, conflictingFields: [] });
    }
  });

  it('writes nothing when the client values already match Odoo', () => {
    expect(decideUpdate(input({ local: { phone: '333' } }))).toEqual({ write: null, conflict: false, conflictingFields: [] });
  });

  it('server_wins holds the whole edit back and reports the conflict', () => {
    expect(decideUpdate(input({ strategy: 'server_wins' }))).toEqual({ write: null, conflict: true, conflictingFields: ['phone'] });
  });

  it('manual changes nothing and reports the conflict', () => {
    expect(decideUpdate(input({ strategy: 'manual' }))).toEqual({ write: null, conflict: true, conflictingFields: ['phone'] });
  });

  it('client_wins writes the client side of conflicts but keeps fields only Odoo changed', () => {
    expect(decideUpdate(input({ strategy: 'client_wins' }))).toEqual({
      write: { city: 'Lyon', phone: '222' },
      conflict: false,
      conflictingFields: ['phone'],
    });
  });

  it('merge applies clean fields plus merged_data, which wins where given', () => {
    const decision = decideUpdate(input({ strategy: 'merge', mergedData: { phone: '222 / 333' } }));
    expect(decision).toEqual({ write: { city: 'Lyon', phone: '222 / 333' }, conflict: false, conflictingFields: ['phone'] });
  });

  it('merge without merged_data keeps Odoo on the conflicting fields', () => {
    expect(decideUpdate(input({ strategy: 'merge' }))).toEqual({ write: { city: 'Lyon' }, conflict: false, conflictingFields: ['phone'] });
  });

  it('newest_wins lets a newer client edit win', () => {
    const decision = decideUpdate(input({ strategy: 'newest_wins', localTimestamp: '2026-11-22T10:06:00Z' }));
    expect(decision.write).toEqual({ city: 'Lyon', phone: '222' });
    expect(decision.conflict).toBe(false);
  });

  it('newest_wins keeps Odoo when its write is newer or the client has no timestamp', () => {
    expect(decideUpdate(input({ strategy: 'newest_wins' })).conflict).toBe(true);
    expect(decideUpdate(input({ strategy: 'newest_wins', localTimestamp: undefined })).conflict).toBe(true);
  });
});

describe('decideDelete', () => {
  it('deletes only for client_wins or a newer client under newest_wins', () => {
    expect(decideDelete('client_wins', undefined, '2026-11-22 10:00:00')).toBe(true);
    expect(decideDelete('newest_wins', '2026-11-22T10:00:01Z', '2026-11-22 10:00:00')).toBe(true);
    expect(decideDelete('newest_wins', '2026-11-22T09:00:00Z', '2026-11-22 10:00:00')).toBe(false);
    for (const s of ['server_wins', 'manual', 'merge'] as const) expect(decideDelete(s, '2030-01-01T00:00:00Z', '2026-11-22 10:00:00')).toBe(false);
  });
});

describe('clientIsNewer', () => {
  it('compares the offline edit time with Odoo write_date', () => {
    expect(clientIsNewer('2026-11-22T10:00:01Z', '2026-11-22 10:00:00')).toBe(true);
    expect(clientIsNewer('2026-11-22T10:00:00Z', '2026-11-22 10:00:00')).toBe(false);
  });
});

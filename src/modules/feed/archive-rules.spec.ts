import {
  archiveBoundary,
  archivablePrefix,
  archivePercentage,
  deviceRetention,
  isArchivable,
  retentionCutoffs,
  RetentionPolicy,
} from './archive-rules';

const DAY = 86_400_000;
const NOW = new Date('2026-06-01T12:00:00.000Z');
const POLICY: RetentionPolicy = {
  archiveAfterDays: 7,
  forceArchiveAfterDays: 30,
  deleteArchivedAfterDays: 90,
  inactiveDeviceDays: 30,
  deleteInactiveDeviceDays: 90,
};
const daysAgo = (d: number) => new Date(NOW.getTime() - d * DAY);
const cutoffs = retentionCutoffs(NOW, POLICY);

describe('retentionCutoffs', () => {
  it('subtracts each configured number of days from now', () => {
    expect(cutoffs).toEqual({
      archiveBefore: daysAgo(7),
      forceArchiveBefore: daysAgo(30),
      deleteArchivedBefore: daysAgo(90),
      deactivateIdleBefore: daysAgo(30),
      deleteDeviceIdleBefore: daysAgo(90),
    });
  });

  it('puts every cutoff at now when the figures are 0', () => {
    const zero = retentionCutoffs(NOW, { ...POLICY, archiveAfterDays: 0, forceArchiveAfterDays: 0, deleteArchivedAfterDays: 0 });
    expect([zero.archiveBefore, zero.forceArchiveBefore, zero.deleteArchivedBefore]).toEqual([NOW, NOW, NOW]);
  });
});

describe('isArchivable', () => {
  // Every combination of age band × device progress.
  const ages: [string, number, { synced: boolean; behind: boolean; none: boolean }][] = [
    ['1 day old', 1, { synced: false, behind: false, none: false }],
    ['exactly 7 days old', 7, { synced: false, behind: false, none: false }],
    ['8 days old', 8, { synced: true, behind: false, none: true }],
    ['exactly 30 days old', 30, { synced: true, behind: false, none: true }],
    ['31 days old', 31, { synced: true, behind: true, none: true }],
  ];
  for (const [label, age, expected] of ages) {
    const event = { id: 10, loggedAt: daysAgo(age) };
    it(`is ${expected.synced} for an event ${label} every active device synced past`, () => {
      expect(isArchivable(event, cutoffs, 10)).toBe(expected.synced);
    });
    it(`is ${expected.behind} for an event ${label} an active device has not synced`, () => {
      expect(isArchivable(event, cutoffs, 9)).toBe(expected.behind);
    });
    it(`is ${expected.none} for an event ${label} when the tenant has no active device`, () => {
      expect(isArchivable(event, cutoffs, null)).toBe(expected.none);
    });
  }
});

describe('archiveBoundary', () => {
  it('archives through the event before the first one that must stay', () => {
    expect(archiveBoundary({ archivedThrough: 0, lastId: 100, firstUnarchivableId: 41 })).toBe(40);
  });

  it('archives through the head when every retained event may go', () => {
    expect(archiveBoundary({ archivedThrough: 5, lastId: 100, firstUnarchivableId: null })).toBe(100);
  });

  it('never passes the head read before the search (events committed meanwhile stay)', () => {
    expect(archiveBoundary({ archivedThrough: 0, lastId: 100, firstUnarchivableId: 150 })).toBe(100);
  });

  it('returns null when the boundary would not grow', () => {
    expect(archiveBoundary({ archivedThrough: 40, lastId: 100, firstUnarchivableId: 41 })).toBeNull();
    expect(archiveBoundary({ archivedThrough: 40, lastId: 100, firstUnarchivableId: 30 })).toBeNull();
    expect(archiveBoundary({ archivedThrough: 0, lastId: 0, firstUnarchivableId: null })).toBeNull();
    expect(archiveBoundary({ archivedThrough: 0, lastId: 10, firstUnarchivableId: 1 })).toBeNull();
  });
});

describe('archivablePrefix', () => {
  const events = [
    { id: 1, loggedAt: daysAgo(40) },
    { id: 2, loggedAt: daysAgo(20) },
    { id: 3, loggedAt: daysAgo(10) },
    { id: 4, loggedAt: daysAgo(35) }, // old but after a young one: the prefix stops before 3 anyway
    { id: 5, loggedAt: daysAgo(1) },
  ];

  it('stops at the first event that must stay, even if later ones are archivable', () => {
    expect(archivablePrefix(events, 0, cutoffs, 2)).toBe(2);
  });

  it('archives everything old enough once devices synced past it', () => {
    expect(archivablePrefix(events, 0, cutoffs, 5)).toBe(4);
    expect(archivablePrefix(events, 0, cutoffs, null)).toBe(4);
  });

  it('forces only the old prefix while a device lags', () => {
    expect(archivablePrefix(events, 0, cutoffs, 0)).toBe(1);
  });

  it('starts after what is already archived', () => {
    expect(archivablePrefix(events, 3, cutoffs, 0)).toBe(4);
    expect(archivablePrefix(events, 4, cutoffs, 5)).toBe(4);
  });
});

describe('deviceRetention', () => {
  const device = (isActive: boolean, lastSyncDaysAgo: number | null, createdDaysAgo = 200) => ({
    isActive,
    lastSyncAt: lastSyncDaysAgo === null ? null : daysAgo(lastSyncDaysAgo),
    createdAt: daysAgo(createdDaysAgo),
  });

  it('keeps an active device that synced within the inactivity window', () => {
    expect(deviceRetention(device(true, 29), cutoffs)).toBe('keep');
    expect(deviceRetention(device(true, 30), cutoffs)).toBe('keep');
  });

  it('deactivates an active device idle for longer than the inactivity window', () => {
    expect(deviceRetention(device(true, 31), cutoffs)).toBe('deactivate');
    expect(deviceRetention(device(true, 120), cutoffs)).toBe('deactivate');
  });

  it('measures a device that never synced from its creation', () => {
    expect(deviceRetention(device(true, null, 5), cutoffs)).toBe('keep');
    expect(deviceRetention(device(true, null, 31), cutoffs)).toBe('deactivate');
    expect(deviceRetention(device(false, null, 91), cutoffs)).toBe('delete');
  });

  it('keeps an inactive device until it has been idle for the deletion window', () => {
    expect(deviceRetention(device(false, 45), cutoffs)).toBe('keep');
    expect(deviceRetention(device(false, 90), cutoffs)).toBe('keep');
    expect(deviceRetention(device(false, 91), cutoffs)).toBe('delete');
  });
});

describe('archivePercentage', () => {
  it('is 0 for an empty log and rounds to two decimals', () => {
    expect(archivePercentage(0, 0)).toBe(0);
    expect(archivePercentage(4, 3)).toBe(75);
    expect(archivePercentage(3, 1)).toBe(33.33);
    expect(archivePercentage(3, 2)).toBe(66.67);
    expect(archivePercentage(7, 7)).toBe(100);
  });
});

/**
 * Retention rules as plain functions (SPEC §4 Archiving). The archiver turns them into bulk SQL;
 * the integration test checks that SQL against archivablePrefix below.
 */
export interface RetentionPolicy {
  archiveAfterDays: number;
  forceArchiveAfterDays: number;
  deleteArchivedAfterDays: number;
  inactiveDeviceDays: number;
  deleteInactiveDeviceDays: number;
}

export interface RetentionCutoffs {
  /** Events logged before this are archived once every active device synced past them. */
  archiveBefore: Date;
  /** Events logged before this are archived regardless of devices. */
  forceArchiveBefore: Date;
  /** Archived events logged before this are deleted. */
  deleteArchivedBefore: Date;
  /** Devices idle (no sync) since before this become inactive. */
  deactivateIdleBefore: Date;
  /** Inactive devices idle since before this are deleted. */
  deleteDeviceIdleBefore: Date;
}

const DAY_MS = 86_400_000;

export function retentionCutoffs(now: Date, policy: RetentionPolicy): RetentionCutoffs {
  const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS);
  return {
    archiveBefore: daysAgo(policy.archiveAfterDays),
    forceArchiveBefore: daysAgo(policy.forceArchiveAfterDays),
    deleteArchivedBefore: daysAgo(policy.deleteArchivedAfterDays),
    deactivateIdleBefore: daysAgo(policy.inactiveDeviceDays),
    deleteDeviceIdleBefore: daysAgo(policy.deleteInactiveDeviceDays),
  };
}

/**
 * Whether one event may be archived. syncedThrough is the lowest cursor among the tenant's active
 * devices; null means no active device, so nothing holds the event back but its age.
 */
export function isArchivable(
  event: { id: number; loggedAt: Date },
  cutoffs: Pick<RetentionCutoffs, 'archiveBefore' | 'forceArchiveBefore'>,
  syncedThrough: number | null,
): boolean {
  const t = event.loggedAt.getTime();
  if (t < cutoffs.forceArchiveBefore.getTime()) return true;
  return t < cutoffs.archiveBefore.getTime() && (syncedThrough === null || event.id <= syncedThrough);
}

/**
 * The new archived_through, or null when it would not grow. Only a prefix of the sequence is
 * archived, so archived_through stays one number: everything up to the first event that must stay,
 * never beyond the committed head read before that event was looked for.
 */
export function archiveBoundary(input: {
  archivedThrough: number;
  lastId: number;
  firstUnarchivableId: number | null;
}): number | null {
  const through =
    input.firstUnarchivableId === null ? input.lastId : Math.min(input.firstUnarchivableId - 1, input.lastId);
  return through > input.archivedThrough ? through : null;
}

/** Reference: the archived_through that isArchivable implies for retained events in id order. */
export function archivablePrefix(
  events: { id: number; loggedAt: Date }[],
  archivedThrough: number,
  cutoffs: Pick<RetentionCutoffs, 'archiveBefore' | 'forceArchiveBefore'>,
  syncedThrough: number | null,
): number {
  let through = archivedThrough;
  for (const e of [...events].sort((a, b) => a.id - b.id)) {
    if (e.id <= archivedThrough) continue;
    if (!isArchivable(e, cutoffs, syncedThrough)) break;
    through = e.id;
  }
  return through;
}

export type DeviceRetention = 'keep' | 'deactivate' | 'delete';

/** What the archiver does with one device state; idle time runs from its last sync (or creation). */
export function deviceRetention(
  device: { isActive: boolean; lastSyncAt: Date | null; createdAt: Date },
  cutoffs: Pick<RetentionCutoffs, 'deactivateIdleBefore' | 'deleteDeviceIdleBefore'>,
): DeviceRetention {
  const lastSeen = (device.lastSyncAt ?? device.createdAt).getTime();
  if (device.isActive) return lastSeen < cutoffs.deactivateIdleBefore.getTime() ? 'deactivate' : 'keep';
  return lastSeen < cutoffs.deleteDeviceIdleBefore.getTime() ? 'delete' : 'keep';
}

export function archivePercentage(total: number, archived: number): number {
  return total === 0 ? 0 : Math.round((archived / total) * 10_000) / 100;
}

import type { Truth } from '../access/read-policy.service';

/** Where a device stands against a record's last logged event. */
export type Delivery =
  /** No event was ever logged for the record: no pull can bring it. */
  | 'no_event'
  /** The device's log position is at or after the event. */
  | 'delivered'
  /** The device's log position is before the event: its next pulls bring it. */
  | 'pending'
  /** A new or reset device: its next pull starts a snapshot of the current records. */
  | 'awaiting_snapshot'
  /** The device drains a snapshot (or re-scope) pass; `sentInPass` says whether the pass has sent the record. */
  | 'snapshot_pass'
  | 'rescope_pass';

export interface DevicePass {
  cursor: number;
  snapshot: { rescope?: true } | null;
}

/** The device's position against the record's last event (null: none logged). */
export function deliveryOf(device: DevicePass, lastEventId: number | null): Delivery {
  if (lastEventId === null) return 'no_event';
  // Before the pass check: a reset device stands at the start of a pass at 0 (isResetMark).
  if (device.cursor === 0) return 'awaiting_snapshot';
  if (device.snapshot) return device.snapshot.rescope ? 'rescope_pass' : 'snapshot_pass';
  return device.cursor >= lastEventId ? 'delivered' : 'pending';
}

export type OnDevice = 'yes' | 'no' | 'not_yet';

export interface Answer {
  on_device: OnDevice;
  /** A stable code for the deciding step. */
  reason:
    | 'MODEL_NOT_SYNCED'
    | 'NOT_IN_DEVICE_MODELS'
    | 'NO_MODEL_ACCESS'
    | 'NOT_LOGGED'
    | 'HIDDEN_BY_RULES'
    | 'HIDDEN_BY_ODOO'
    | 'UNDECIDED'
    | 'DELETED'
    | 'DELIVERED'
    | 'PENDING'
    | 'SENT_IN_PASS'
    | 'PENDING_IN_PASS'
    | 'AWAITING_SNAPSHOT';
  message: string;
}

export interface WhyFacts {
  model: string;
  appType: string;
  /** The app type syncs the model. */
  syncsModel: boolean;
  /** The models the device last pulled (its models_filter) include the model; null when not known. */
  inDeviceModels: boolean | null;
  modelAccess: boolean;
  /** What the read paths decide for the record (the rules, else Odoo's answer); 'unknown' is delivered as hidden. */
  decided: Truth;
  /** Decided by Odoo's answer rather than the rules. */
  byOdoo: boolean;
  /** The rules that hide the record (see hidingRules). */
  hiddenBy: string[];
  deleted: boolean;
  delivery: Delivery;
  sentInPass: boolean | null;
}

/**
 * Whether the record is on the device, and the first step of the read path that decides it: the app type's models,
 * the device's models, model access, the record being logged, the record rules (or Odoo's answer), a deletion, and
 * last the device's position against the record's last event.
 */
export function answer(f: WhyFacts): Answer {
  const no = (reason: Answer['reason'], message: string): Answer => ({ on_device: 'no', reason, message });
  if (!f.syncsModel) return no('MODEL_NOT_SYNCED', `App type "${f.appType}" does not sync ${f.model}`);
  if (f.inDeviceModels === false) return no('NOT_IN_DEVICE_MODELS', `The device's last pulls narrowed its models (models_filter) to leave out ${f.model}`);
  if (!f.modelAccess) return no('NO_MODEL_ACCESS', `The user's groups grant no read access to ${f.model}`);
  if (f.delivery === 'no_event') return no('NOT_LOGGED', 'No event was ever logged for this record: ingestion has not seen it');
  // The record's last event is ahead of the device: a copy it received before may stay until its next pulls remove it.
  const removal = (reason: Answer['reason'], message: string): Answer =>
    no(reason, f.delivery === 'pending' ? `${message}; the device may hold an older copy until its next pulls remove it` : message);
  if (f.decided === false) {
    if (f.byOdoo) return removal('HIDDEN_BY_ODOO', 'The rules could not decide; Odoo, asked as the user, does not let the user read it');
    return removal('HIDDEN_BY_RULES', `Hidden by record rule${f.hiddenBy.length > 1 ? 's' : ''} ${f.hiddenBy.map((n) => `"${n}"`).join(', ')}`);
  }
  if (f.decided === 'unknown') {
    return removal('UNDECIDED', 'The rules cannot decide on the stored values and Odoo could not be asked as the user: pulls leave it out');
  }
  if (f.deleted) return removal('DELETED', "The record's last logged event deletes it");
  switch (f.delivery) {
    case 'delivered':
      return { on_device: 'yes', reason: 'DELIVERED', message: "The device's position is at or after the record's last event" };
    case 'pending':
      return { on_device: 'not_yet', reason: 'PENDING', message: "The device's position is before the record's last event: its next pulls bring it" };
    case 'awaiting_snapshot':
      return { on_device: 'not_yet', reason: 'AWAITING_SNAPSHOT', message: "The device is new or was reset: its next pull starts a snapshot" };
    default:
      return f.sentInPass
        ? { on_device: 'yes', reason: 'SENT_IN_PASS', message: 'The snapshot pass the device drains has sent the record' }
        : { on_device: 'not_yet', reason: 'PENDING_IN_PASS', message: 'The device drains a snapshot pass that has not reached the record yet' };
  }
}

/**
 * The rules that hide a record, as Odoo combines them: a global rule that is false hides it alone; otherwise, when
 * no group rule shows it, every group rule that is false (together they hide it).
 */
export function hidingRules(rules: readonly { name: string; global: boolean; verdict: Truth }[]): string[] {
  const globals = rules.filter((r) => r.global && r.verdict === false);
  if (globals.length > 0) return globals.map((r) => r.name);
  const group = rules.filter((r) => !r.global);
  if (group.some((r) => r.verdict !== false)) return [];
  return group.map((r) => r.name);
}

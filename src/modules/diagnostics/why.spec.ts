import { answer, deliveryOf, hidingRules, type WhyFacts } from './why';

describe('deliveryOf', () => {
  it("places the device's log position against the record's last event", () => {
    expect(deliveryOf({ cursor: 50, snapshot: null }, 50)).toBe('delivered');
    expect(deliveryOf({ cursor: 80, snapshot: null }, 50)).toBe('delivered');
    expect(deliveryOf({ cursor: 49, snapshot: null }, 50)).toBe('pending');
  });

  it('tells a pass, a new or reset device and a record never logged apart', () => {
    expect(deliveryOf({ cursor: 80, snapshot: {} }, 50)).toBe('snapshot_pass');
    expect(deliveryOf({ cursor: 80, snapshot: { rescope: true } }, 50)).toBe('rescope_pass');
    expect(deliveryOf({ cursor: 0, snapshot: null }, 50)).toBe('awaiting_snapshot');
    expect(deliveryOf({ cursor: 0, snapshot: {} }, 50)).toBe('awaiting_snapshot');
    expect(deliveryOf({ cursor: 80, snapshot: null }, null)).toBe('no_event');
  });
});

describe('hidingRules', () => {
  it('names a false global rule alone, else every group rule when none shows the record', () => {
    const global = (name: string, verdict: boolean | 'unknown') => ({ name, global: true, verdict });
    const group = (name: string, verdict: boolean | 'unknown') => ({ name, global: false, verdict });
    expect(hidingRules([global('multi-company', false), group('Personal Orders', false)])).toEqual(['multi-company']);
    expect(hidingRules([global('multi-company', true), group('Personal Orders', false), group('Portal', false)])).toEqual(['Personal Orders', 'Portal']);
    expect(hidingRules([global('multi-company', true), group('Personal Orders', false), group('All Orders', true)])).toEqual([]);
  });
});

describe('answer', () => {
  const visible: WhyFacts = {
    model: 'sale.order',
    appType: 'sales_app',
    syncsModel: true,
    inDeviceModels: true,
    modelAccess: true,
    decided: true,
    byOdoo: false,
    hiddenBy: [],
    deleted: false,
    delivery: 'delivered',
    sentInPass: null,
  };

  it('says a visible record at or before the position is on the device, one after it not yet', () => {
    expect(answer(visible)).toMatchObject({ on_device: 'yes', reason: 'DELIVERED' });
    expect(answer({ ...visible, delivery: 'pending' })).toMatchObject({ on_device: 'not_yet', reason: 'PENDING' });
    expect(answer({ ...visible, delivery: 'awaiting_snapshot' })).toMatchObject({ on_device: 'not_yet', reason: 'AWAITING_SNAPSHOT' });
    expect(answer({ ...visible, delivery: 'snapshot_pass', sentInPass: true })).toMatchObject({ on_device: 'yes', reason: 'SENT_IN_PASS' });
    expect(answer({ ...visible, delivery: 'rescope_pass', sentInPass: false })).toMatchObject({ on_device: 'not_yet', reason: 'PENDING_IN_PASS' });
  });

  it('names the rules that hide a record, or Odoo when it decided', () => {
    expect(answer({ ...visible, decided: false, hiddenBy: ['Personal Orders'] })).toEqual({
      on_device: 'no',
      reason: 'HIDDEN_BY_RULES',
      message: 'Hidden by record rule "Personal Orders"',
    });
    expect(answer({ ...visible, decided: false, byOdoo: true })).toMatchObject({ on_device: 'no', reason: 'HIDDEN_BY_ODOO' });
    expect(answer({ ...visible, decided: 'unknown' })).toMatchObject({ on_device: 'no', reason: 'UNDECIDED' });
  });

  it('warns that a device behind the event that hid or deleted the record may still hold an older copy', () => {
    expect(answer({ ...visible, decided: false, hiddenBy: ['Personal Orders'], delivery: 'pending' }).message).toBe(
      'Hidden by record rule "Personal Orders"; the device may hold an older copy until its next pulls remove it',
    );
    expect(answer({ ...visible, deleted: true, delivery: 'pending' })).toMatchObject({ on_device: 'no', reason: 'DELETED' });
    expect(answer({ ...visible, deleted: true, delivery: 'pending' }).message).toMatch(/older copy/);
    expect(answer({ ...visible, deleted: true }).message).not.toMatch(/older copy/);
  });

  it('decides by the first step of the read path that leaves the record out', () => {
    const hidden = { ...visible, decided: false as const, hiddenBy: ['Personal Orders'] };
    expect(answer({ ...hidden, syncsModel: false })).toMatchObject({ reason: 'MODEL_NOT_SYNCED', message: 'App type "sales_app" does not sync sale.order' });
    expect(answer({ ...hidden, inDeviceModels: false })).toMatchObject({ reason: 'NOT_IN_DEVICE_MODELS' });
    expect(answer({ ...hidden, modelAccess: false })).toMatchObject({ reason: 'NO_MODEL_ACCESS' });
    expect(answer({ ...hidden, delivery: 'no_event' })).toMatchObject({ reason: 'NOT_LOGGED' });
    expect(answer({ ...visible, deleted: true })).toMatchObject({ on_device: 'no', reason: 'DELETED' });
    // Not known which models the device last pulled: the app type's answer stands.
    expect(answer({ ...visible, inDeviceModels: null })).toMatchObject({ reason: 'DELIVERED' });
  });
});

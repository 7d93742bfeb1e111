import { isZonedDateTime } from './validators';

describe(isZonedDateTime.name, () => {
  it.each(['2025-11-16T10:25:00Z', '2025-11-16T10:25Z', '2024-02-29T23:59:59.123456+05:30', '2025-01-31T00:00:00-0800'])(
    'accepts %s',
    (value) => expect(isZonedDateTime(value)).toBe(true),
  );

  it.each([
    '2026-13-45T99:99:99Z',
    '2026-00-10T10:00:00Z',
    '2025-02-29T10:00:00Z',
    '2025-04-31T10:00:00Z',
    '2025-11-16T24:00:00Z',
    '2025-11-16T10:60:00Z',
    '2025-11-16T10:00:60Z',
    '2025-11-16T10:00:00+24:00',
    '2025-11-16T10:00:00',
    '2025-11-16',
    12345,
  ])('refuses %s', (value) => expect(isZonedDateTime(value)).toBe(false));
});

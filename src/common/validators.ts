import { ValidateBy, type ValidationOptions } from 'class-validator';

/** Odoo record ids (and user ids) are PostgreSQL `integer` columns. */
export const MAX_ODOO_ID = 2 ** 31 - 1;

const ZONED_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(?:Z|[+-](\d{2}):?(\d{2}))$/;

/** An ISO-8601 date-time with a zone whose every part is in range (no 13th month, no 25th hour). */
export function isZonedDateTime(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const m = ZONED_DATE_TIME.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second = '0', zoneHours = '0', zoneMinutes = '0'] = m.slice(1);
  const daysInMonth = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
  return (
    Number(month) >= 1 &&
    Number(month) <= 12 &&
    Number(day) >= 1 &&
    Number(day) <= daysInMonth &&
    Number(hour) <= 23 &&
    Number(minute) <= 59 &&
    Number(second) <= 59 &&
    Number(zoneHours) <= 23 &&
    Number(zoneMinutes) <= 59
  );
}

export const IsZonedDateTime = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isZonedDateTime',
      validator: {
        validate: isZonedDateTime,
        defaultMessage: () => '$property must be an ISO-8601 date-time with a zone, e.g. 2025-11-16T10:25:00Z',
      },
    },
    options,
  );

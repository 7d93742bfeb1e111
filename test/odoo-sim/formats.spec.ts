import {
  domainDatetimeBound,
  formatDatetime,
  formatDatetimeIso,
  formatDatetimePy,
  parseDatetime,
  truncateToSecond,
} from './datetime';
import { PyFloat, pyJsonDumps, pyRepr, pyTupleRepr } from './py-format';
import { loadFixture } from './spec-helpers';

const ms = Date.UTC(2026, 10, 22, 3, 48, 13, 340);

describe('datetime formats', () => {
  it('external API form has second precision, truncated (not rounded)', () => {
    expect(formatDatetime(ms)).toBe('2026-11-22 03:48:13');
    expect(formatDatetime(Date.UTC(2026, 10, 22, 3, 48, 13, 999))).toBe('2026-11-22 03:48:13');
  });

  it('native webhook form keeps microseconds like str(datetime)', () => {
    expect(formatDatetimePy(ms)).toBe('2026-11-22 03:48:13.340000');
    expect(formatDatetimePy(truncateToSecond(ms))).toBe('2026-11-22 03:48:13');
  });

  it('addon payload form is isoformat()', () => {
    expect(formatDatetimeIso(ms)).toBe('2026-11-22T03:48:13.340000');
    expect(formatDatetimeIso(truncateToSecond(ms))).toBe('2026-11-22T03:48:13');
  });

  it('parses space, T, fraction and date-only forms as UTC', () => {
    expect(parseDatetime('2026-11-22 03:48:13')).toBe(Date.UTC(2026, 10, 22, 3, 48, 13));
    expect(parseDatetime('2026-11-22T03:48:13')).toBe(Date.UTC(2026, 10, 22, 3, 48, 13));
    expect(parseDatetime('2026-11-22 03:48:13.340017')).toBe(ms);
    expect(parseDatetime('2026-11-22')).toBe(Date.UTC(2026, 10, 22));
    expect(() => parseDatetime('22/11/2026')).toThrow('does not match format');
  });

  it('widens date-only domain values per operator', () => {
    expect(domainDatetimeBound('>', '2026-11-22')).toBe(Date.UTC(2026, 10, 22, 23, 59, 59));
    expect(domainDatetimeBound('<=', '2026-11-22')).toBe(Date.UTC(2026, 10, 22, 23, 59, 59));
    expect(domainDatetimeBound('>=', '2026-11-22')).toBe(Date.UTC(2026, 10, 22));
    expect(domainDatetimeBound('<', '2026-11-22')).toBe(Date.UTC(2026, 10, 22));
  });
});

describe('pyJsonDumps', () => {
  it('matches the recorded response bytes', () => {
    const fixture = loadFixture<Array<{ name: string; response: unknown; response_raw?: string }>>('jsonrpc-envelopes.json');
    const version = fixture.find((e) => e.name === 'jsonrpc common.version');
    expect(pyJsonDumps(version?.response)).toBe(version?.response_raw);
  });

  it('prints floats with a decimal point and escapes non-ASCII', () => {
    expect(pyJsonDumps({ a: new PyFloat(2), b: 2, c: 516.93, d: 'é"\n' })).toBe('{"a": 2.0, "b": 2, "c": 516.93, "d": "\\u00e9\\"\\n"}');
  });

  it('sorts keys on request and drops undefined (None result → no key)', () => {
    expect(pyJsonDumps({ id: 1, _model: 'x', _action: 'a', skip: undefined }, { sortKeys: true })).toBe(
      '{"_action": "a", "_model": "x", "id": 1}',
    );
  });
});

describe('pyRepr', () => {
  it('renders Python literals', () => {
    expect(pyRepr([1, 'a', true, false, null, 1.5])).toBe("[1, 'a', True, False, None, 1.5]");
    expect(pyTupleRepr(['nosuchfield', '=', 1])).toBe("('nosuchfield', '=', 1)");
    expect(pyTupleRepr([99])).toBe('(99,)');
    expect(pyRepr("it's")).toBe('"it\'s"');
  });
});

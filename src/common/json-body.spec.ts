import { checkJsonText, MAX_JSON_DEPTH, MAX_JSON_ITEMS } from './json-body';
import { InvalidCharacter, JsonTooDeep, JsonTooManyItems } from './request.errors';

/** What checkJsonText throws for a body given as it travels: UTF-8 bytes (read as latin1). */
function outcome(body: string): string {
  try {
    checkJsonText(Buffer.from(body, 'utf8').toString('latin1'));
    return 'ok';
  } catch (e) {
    if (e instanceof JsonTooDeep || e instanceof InvalidCharacter || e instanceof JsonTooManyItems) return e.code;
    throw e;
  }
}

const nested = (depth: number, open = '[', close = ']') => open.repeat(depth) + close.repeat(depth);

describe(checkJsonText.name, () => {
  it('accepts bodies up to the depth limit, arrays and objects alike', () => {
    expect(outcome(nested(MAX_JSON_DEPTH))).toBe('ok');
    expect(outcome('{"a":'.repeat(MAX_JSON_DEPTH - 1) + '{}' + '}'.repeat(MAX_JSON_DEPTH - 1))).toBe('ok');
    expect(outcome('{"changes":[{"data":{"order_line":[[0,0,{"product_id":5}]]}}]}')).toBe('ok');
  });

  it('refuses one level more, and millions of levels without recursing', () => {
    expect(outcome(nested(MAX_JSON_DEPTH + 1))).toBe('JSON_TOO_DEEP');
    expect(outcome('{"a":'.repeat(MAX_JSON_DEPTH) + '{}' + '}'.repeat(MAX_JSON_DEPTH))).toBe('JSON_TOO_DEEP');
    // The hostile login body of the report: 2.4 M nested arrays.
    expect(outcome(nested(2_400_000))).toBe('JSON_TOO_DEEP');
  });

  it('does not count brackets inside strings, nor escaped quotes as string ends', () => {
    expect(outcome(JSON.stringify({ note: '['.repeat(1000) + '{'.repeat(1000) }))).toBe('ok');
    expect(outcome(JSON.stringify({ note: 'say \\"[[[[' + '"' + '['.repeat(100) }))).toBe('ok');
    expect(outcome(JSON.stringify({ path: 'C:\\' }) + '')).toBe('ok');
  });

  it('accepts up to MAX_JSON_ITEMS members per array or object and refuses one more', () => {
    const array = (n: number) => JSON.stringify(Array.from({ length: n }, (_, i) => ({ i, tags: [1, 2, 3] })));
    const object = (n: number) => JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [`f${i}`, 'a,b'])));
    expect(outcome(array(MAX_JSON_ITEMS))).toBe('ok');
    expect(outcome(`{"changes":${array(MAX_JSON_ITEMS)},"other":[1,2]}`)).toBe('ok');
    expect(outcome(object(MAX_JSON_ITEMS))).toBe('ok');
    expect(outcome(array(MAX_JSON_ITEMS + 1))).toBe('JSON_TOO_MANY_ITEMS');
    expect(outcome(object(MAX_JSON_ITEMS + 1))).toBe('JSON_TOO_MANY_ITEMS');
    expect(outcome(`[[${'1,'.repeat(MAX_JSON_ITEMS)}1]]`)).toBe('JSON_TOO_MANY_ITEMS');
  });

  it('refuses NUL, written as an escape, anywhere in a string', () => {
    expect(outcome(JSON.stringify({ device_id: 'dev\u0000ice' }))).toBe('INVALID_CHARACTER');
    expect(outcome('{"device_id":"\\u0000"}')).toBe('INVALID_CHARACTER');
    expect(outcome('{"\\u0000":1}')).toBe('INVALID_CHARACTER');
    // A literal backslash followed by "u0000" is text, not NUL.
    expect(outcome('{"note":"\\\\u0000"}')).toBe('ok');
  });

  it('refuses lone surrogates and accepts surrogate pairs and raw non-ASCII text', () => {
    expect(outcome('{"app_type":"\\ud800"}')).toBe('INVALID_CHARACTER');
    expect(outcome('{"app_type":"\\uDC00x"}')).toBe('INVALID_CHARACTER');
    expect(outcome('{"a":"\\ud800\\u0041"}')).toBe('INVALID_CHARACTER');
    expect(outcome('{"a":"\\ud83d\\ude00"}')).toBe('ok');
    expect(outcome(JSON.stringify({ name: 'Zoë 😀 Ωμέγα 東京' }))).toBe('ok');
  });
});

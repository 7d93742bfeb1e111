/**
 * Deterministic generators of hostile request bodies and query strings (a seeded PRNG of our own,
 * so a failure replays exactly: the failing case prints its seed and index).
 */

/** mulberry32: small, fast, good enough to spread cases; the same seed gives the same sequence. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Percent-encodes the UTF-8 bytes (encodeURIComponent throws on the lone surrogates we generate). */
function percent(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9_.~-]/.test(c) ? c : `%${byte.toString(16).padStart(2, '0')}`;
  }
  return out;
}

export class Fuzz {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = prng(seed);
  }

  int(max: number): number {
    return Math.floor(this.next() * max);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Values that broke or could break something: type confusion, range, encoding, prototype names. */
  hostileValue(): unknown {
    switch (this.int(12)) {
      case 0:
        return this.pick([1e308, -1e308, 2 ** 31, 2 ** 53, 2 ** 63, -1, 0, -0, 0.5, 1e-300, 1.2345678901234568e29]);
      case 1:
        return this.pick(['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__']);
      case 2:
        return this.pick(['\u0000', 'a\u0000b', '\ud800', '\udfff', 'x\ud800', '\ud83d', '\uffff', '\u202e', '%00', '%ff', '\\u0000']);
      case 3:
        return 'x'.repeat(this.pick([0, 1, 255, 256, 4096, 70_000]));
      case 4:
        return this.pick([null, true, false, [], {}, [[]], [{}], { $local: null }, { $local: '' }, { $local: {} }]);
      case 5:
        return this.pick(['2026-13-45T99:99:99Z', '0000-00-00T00:00:00Z', '9999-12-31T23:59:59Z', 'NaN', 'Infinity', '-1', '1e308', ' 1', '0x10']);
      case 6:
        return this.nested(this.pick([10, 33, 100, 3000, 5000]));
      case 7:
        return this.pick(["' OR 1=1 --", '"; DROP TABLE events; --', '${jndi:ldap://x}', '<script>', '../../etc/passwd', '*', '%s%s%s']);
      case 8:
        return Array.from({ length: this.pick([1, 2, 1001, 5000]) }, () => this.pick([1, 'a', null, {}]));
      case 9:
        return { ...Object.fromEntries(Array.from({ length: this.int(4) }, (_, i) => [`k${i}`, this.pick([1, 'v', null])])), __proto__x: 1 };
      case 10:
        return this.pick(['sale.order', 'res.partner', 'sales_app', 'demo', 'd', 6, 1, '6']);
      default:
        return this.pick(['', ' ', '\t', '\n', 'é', '😀', 'Ω'.repeat(300)]);
    }
  }

  nested(depth: number): unknown {
    // Built as text and parsed, so the generator itself never recurses.
    const open = this.chance(0.5) ? '[' : '{"a":';
    const close = open === '[' ? ']' : '}';
    return { __raw: open.repeat(depth) + (open === '[' ? '' : '1') + close.repeat(depth) };
  }

  /** A hostile variant of a valid body: one field replaced, removed, added or the whole body swapped. */
  body(valid: Record<string, unknown>): string {
    const keys = Object.keys(valid);
    switch (this.int(8)) {
      case 0:
        return this.pick(['', '{', '}', '[', 'null', '1', '"x"', 'true', '[]', '{"a":}', '{"a":1,}', '\u0000', '{"a":"\\ud800"}', '{"a":"\\u0000"}']);
      case 1:
        return this.encode(this.hostileValue());
      case 2: {
        const copy: Record<string, unknown> = { ...valid };
        delete copy[this.pick(keys)];
        return this.encode(copy);
      }
      case 3:
        return this.encode({ ...valid, [this.pick(['__proto__', 'constructor', 'extra', '', '\u0000'])]: this.hostileValue() });
      default: {
        const copy: Record<string, unknown> = { ...valid };
        for (let i = 0, n = 1 + this.int(2); i < n; i++) copy[this.pick(keys)] = this.hostileValue();
        return this.encode(copy);
      }
    }
  }

  /** A hostile query string for a route with these (valid) parameters. */
  query(valid: Record<string, string>): string {
    const params = Object.entries(valid).map(([k, v]) => [k, v]);
    const raw = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v) ?? '');
    const mutate = this.int(5);
    if (mutate === 0 && params.length > 0) params.splice(this.int(params.length), 1);
    else if (mutate === 1 && params.length > 0) params[this.int(params.length)][1] = this.pick(['%00', '%ff', '%ed%a0%80', '%', '%zz', '%E2%80%AE']);
    else if (mutate === 2 && params.length > 0) params.push([this.pick(params)[0], raw(this.hostileValue())]);
    else if (mutate === 3) params.push([this.pick(['user_id[]', 'device_id[a]', '__proto__', 'constructor', '']), raw(this.hostileValue())]);
    else if (params.length > 0) params[this.int(params.length)][1] = raw(this.hostileValue());
    return params.map(([k, v]) => `${percent(k)}=${v.startsWith('%') && v.length <= 9 ? v : percent(v).slice(0, 8000)}`).join('&');
  }

  /** JSON text; values made by nested() are spliced in raw, so deep nesting never recurses here. */
  encode(value: unknown): string {
    const raws: string[] = [];
    const text = JSON.stringify(value, (_key, v: unknown) => {
      if (typeof v === 'object' && v !== null && '__raw' in v) {
        raws.push((v as { __raw: string }).__raw);
        return `__RAW_${raws.length - 1}__`;
      }
      return v;
    });
    return (text ?? 'null').replace(/"__RAW_(\d+)__"/g, (_m, i: string) => raws[Number(i)]);
  }
}

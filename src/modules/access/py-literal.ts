import { InvalidRuleDomain } from './access.errors';

/**
 * The Python-literal subset of `ir.rule.domain_force`: lists, tuples, strings, integers, True/False/None, names
 * with attribute access (`user.partner_id.id`, `company_ids`) and `+` between lists (`company_ids + [False]`).
 * Odoo runs `safe_eval` on the string; parsing it without eval keeps BridgeCore (and the simulator, which imports
 * this) free of code execution.
 */

type Token =
  | { kind: 'punct'; value: string }
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'name'; value: string };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    if (/\s/.test(ch)) {
      i++;
    } else if ('[](),.+'.includes(ch)) {
      tokens.push({ kind: 'punct', value: ch });
      i++;
    } else if (ch === "'" || ch === '"') {
      let value = '';
      i++;
      while (i < source.length && source[i] !== ch) {
        if (source[i] === '\\' && i + 1 < source.length) i++;
        value += source[i++];
      }
      if (i >= source.length) throw new InvalidRuleDomain(`Invalid domain: unterminated string in ${source}`, source);
      i++;
      tokens.push({ kind: 'string', value });
    } else if (/[-\d]/.test(ch)) {
      const match = /^-?\d+(\.\d+)?/.exec(source.slice(i));
      if (!match) throw new InvalidRuleDomain(`Invalid domain: unexpected '${ch}' in ${source}`, source);
      tokens.push({ kind: 'number', value: Number(match[0]) });
      i += match[0].length;
    } else if (/[A-Za-z_]/.test(ch)) {
      const match = /^[A-Za-z_]\w*/.exec(source.slice(i)) as RegExpExecArray;
      tokens.push({ kind: 'name', value: match[0] });
      i += match[0].length;
    } else {
      throw new InvalidRuleDomain(`Invalid domain: unexpected '${ch}' in ${source}`, source);
    }
  }
  return tokens;
}

export type PyNames = Readonly<Record<string, unknown>>;

/** Parses and evaluates one expression; names resolve in `names` (nested objects for attribute access). */
export function evalPyLiteral(source: string, names: PyNames): unknown {
  const tokens = tokenize(source);
  let pos = 0;
  const fail = (): never => {
    throw new InvalidRuleDomain(`Invalid domain: cannot evaluate ${source}`, source);
  };
  const peek = (): Token | undefined => tokens[pos];
  const isPunct = (value: string): boolean => {
    const t = peek();
    return t?.kind === 'punct' && t.value === value;
  };
  const sequence = (close: string): unknown[] => {
    const items: unknown[] = [];
    while (!isPunct(close)) {
      items.push(expression());
      if (isPunct(',')) pos++;
      else if (!isPunct(close)) fail();
    }
    pos++;
    return items;
  };

  const atom = (): unknown => {
    const t = tokens[pos++];
    if (!t) return fail();
    if (t.kind === 'string' || t.kind === 'number') return t.value;
    if (t.kind === 'punct') {
      if (t.value === '[' || t.value === '(') return sequence(t.value === '[' ? ']' : ')');
      return fail();
    }
    if (t.value === 'True') return true;
    if (t.value === 'False') return false;
    if (t.value === 'None') return null;
    if (!Object.prototype.hasOwnProperty.call(names, t.value)) {
      throw new InvalidRuleDomain(`Invalid domain: name '${t.value}' is not defined in ${source}`, source);
    }
    let value: unknown = names[t.value];
    while (isPunct('.')) {
      pos++;
      const attr = tokens[pos++];
      if (attr?.kind !== 'name' || !value || typeof value !== 'object') return fail();
      value = (value as Record<string, unknown>)[attr.value];
      if (value === undefined) return fail();
    }
    return value;
  };

  const expression = (): unknown => {
    let value = atom();
    while (isPunct('+')) {
      pos++;
      const right = atom();
      if (!Array.isArray(value) || !Array.isArray(right)) return fail();
      value = [...value, ...right];
    }
    return value;
  };

  const result = expression();
  if (pos !== tokens.length) fail();
  return result;
}

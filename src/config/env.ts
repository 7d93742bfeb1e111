/** Reading environment variables: every bad value is recorded, and loadConfig reports them all at once. */

export interface ConfigProblem {
  variable: string;
  problem: string;
}

/** Every problem of the configuration at once, so an operator fixes them in one go. */
export class ConfigError extends Error {
  /** The first variable at fault. */
  readonly variable: string;

  constructor(readonly problems: ConfigProblem[]) {
    const lines = problems.map((p) => `${p.variable} ${p.problem}`);
    super(lines.length === 1 ? `Invalid configuration: ${lines[0]}` : `Invalid configuration:\n${lines.map((l) => `  - ${l}`).join('\n')}`);
    this.name = 'ConfigError';
    this.variable = problems[0].variable;
  }
}

/** The variables being read and the problems found so far (reading goes on after a bad value). */
export interface Env {
  vars: Record<string, string | undefined>;
  problems: ConfigProblem[];
}

/** Records a problem and returns the value to carry on with; loadConfig throws them all at the end. */
export function fail<T>(env: Env, variable: string, problem: string, fallback: T): T {
  env.problems.push({ variable, problem });
  return fallback;
}

export function str(env: Env, name: string, fallback: string): string {
  const v = env.vars[name];
  return v === undefined || v === '' ? fallback : v;
}

export function optional(env: Env, name: string): string | undefined {
  const v = env.vars[name];
  return v === undefined || v === '' ? undefined : v;
}

export function int(env: Env, name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const raw = optional(env, name);
  if (raw === undefined) return fallback;
  if (!/^-?\d+$/.test(raw.trim())) return fail(env, name, `must be a whole number, got "${raw}"`, fallback);
  const n = Number(raw);
  if (n < min || n > max) return fail(env, name, `must be between ${min} and ${max}, got ${n}`, fallback);
  return n;
}

export function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = optional(env, name);
  if (raw === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    return fail(env, name, `must be one of ${allowed.join(', ')}, got "${raw}"`, fallback);
  }
  return raw as T;
}

export function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = optional(env, name);
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    return fail(env, name, 'must be a URL', undefined);
  }
  if (!protocols.includes(parsed.protocol)) {
    return fail(env, name, `must use ${protocols.join(' or ')}, got ${parsed.protocol}`, undefined);
  }
  return raw;
}

/** A comma-separated list of milliseconds, or "none" for an empty list. */
export function delays(env: Env, name: string, fallback: string): number[] {
  const raw = str(env, name, fallback);
  if (raw === 'none') return [];
  const parts = raw.split(',').map((s) => s.trim());
  if (!parts.every((s) => /^\d+$/.test(s))) {
    return fail(env, name, `must be a comma-separated list of milliseconds or "none", got "${raw}"`, []);
  }
  return parts.map(Number);
}

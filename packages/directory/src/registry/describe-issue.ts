import type { z } from 'zod';

// Nouns for the vocabularies, by the last named segment of a path, so that a bad value reads
// "unknown service" rather than zod's generic "Invalid option".
const NOUNS: Record<string, string> = {
  service: 'service',
  kind: 'partner kind',
  modes: 'mode',
  sectors: 'sector',
  religions: 'religion',
  genders: 'gender',
  ageGroups: 'age group',
  field: 'POKMAS field',
};

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** A message a spreadsheet keeper can act on, naming the value at fault where there is one. */
export function describeZodIssue(issue: z.core.$ZodIssue, root: unknown): string {
  const value = valueAt(root, issue.path);
  switch (issue.code) {
    case 'invalid_value': {
      const named = [...issue.path].reverse().find((key): key is string => typeof key === 'string');
      const noun = (named && NOUNS[named]) ?? 'value';
      return `unknown ${noun} ${JSON.stringify(value)}; use one of ${issue.values.map(String).join(', ')}`;
    }
    case 'invalid_type':
      return value === undefined ? 'required' : `expected ${issue.expected}, got ${JSON.stringify(value)}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.join(', ')}`;
    case 'too_small':
      if (issue.origin === 'array') return `give at least ${String(issue.minimum)}, or leave it out`;
      if (issue.origin === 'string') return 'must not be empty';
      return issue.message;
    default:
      return issue.message;
  }
}

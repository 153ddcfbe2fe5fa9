import { isDeepStrictEqual } from 'node:util';
import type { FieldChange } from '../store';
import { isJsonObject } from './merge-patch';

/**
 * The fields that differ between two versions of a record: nested objects field by field
 * (`capacity.used`), lists and values whole. `undefined` stands for no record (a creation).
 */
export function fieldChanges(before: unknown, after: unknown, prefix = ''): FieldChange[] {
  const changes: FieldChange[] = [];
  const keys = new Set([...Object.keys(isJsonObject(before) ? before : {}), ...Object.keys(isJsonObject(after) ? after : {})]);
  for (const key of [...keys].sort()) {
    const field = prefix + key;
    const old = isJsonObject(before) ? before[key] : undefined;
    const now = isJsonObject(after) ? after[key] : undefined;
    if (isJsonObject(old) || isJsonObject(now)) {
      if (isJsonObject(old) && isJsonObject(now)) {
        changes.push(...fieldChanges(old, now, `${field}.`));
        continue;
      }
      // An object that appears or goes: its fields, each from or to nothing.
      if (old === undefined || now === undefined) {
        changes.push(...fieldChanges(old, now, `${field}.`));
        continue;
      }
    }
    if (isDeepStrictEqual(old, now)) continue;
    changes.push({ field, ...(old === undefined ? {} : { before: old }), ...(now === undefined ? {} : { after: now }) });
  }
  return changes;
}

import { sameValue } from './stable-json';
import type { LocalRecord, Shadow } from './sync-store';
import type { RecordData } from './wire';

/** Fields whose local value differs from the shadow; a field removed locally is sent as `null`. */
export function changedFields(local: RecordData, shadow: RecordData): RecordData {
  const changed: RecordData = {};
  for (const [field, value] of Object.entries(local)) {
    if (value !== undefined && !sameValue(value, shadow[field])) changed[field] = value;
  }
  for (const field of Object.keys(shadow)) {
    if (!(field in local) || local[field] === undefined) {
      if (shadow[field] !== null && shadow[field] !== undefined) changed[field] = null;
    }
  }
  return changed;
}

/**
 * True when the device has changes to this record that the server has not seen: it exists
 * without a shadow, differs from it, was deleted here, or is held back (still being written).
 */
export function hasLocalChanges(local: LocalRecord | undefined, shadow: Shadow | undefined): boolean {
  if (local?.held) return true;
  if (!shadow) return local !== undefined;
  if (!local) return !shadow.deleted;
  if (shadow.deleted) return true;
  return Object.keys(changedFields(local.data, shadow.data)).length > 0;
}

/**
 * After a push: the server's merged record, except for fields the user changed again while
 * the push was in flight (they differ from what was sent); those stay and go out next time.
 */
export function mergeAfterPush(current: RecordData, sent: RecordData, merged: RecordData): RecordData {
  const result: RecordData = { ...merged };
  for (const field of new Set([...Object.keys(current), ...Object.keys(sent)])) {
    if (!sameValue(current[field], sent[field])) {
      if (current[field] === undefined) delete result[field];
      else result[field] = current[field];
    }
  }
  return result;
}

import { createHash } from 'node:crypto';

/** The config-driven fleet dashboard. */
export const FLEET_UID = 'modelwatch-fleet';
/** The app plugin's bundled dashboards (the app links to them by these uids). */
export const PLUGIN_OVERVIEW_UID = 'modelwatch-overview';
export const PLUGIN_MODEL_UID = 'modelwatch-model';
/** Tags: every Modelwatch dashboard, and the per-model ones (the fleet lists them in its links menu). */
export const TAG = 'modelwatch';
export const MODEL_TAG = 'modelwatch-model';

/** Every Modelwatch dashboard's uid starts so; a per-model one is this and the model's name where it can be. */
export const UID_PREFIX = 'modelwatch-';
/** Grafana refuses uids longer than 40 characters or with other characters than these. */
const MAX_UID = 40;
const UID_SAFE = /^[a-zA-Z0-9_-]+$/;
const TAKEN = new Set([FLEET_UID, PLUGIN_OVERVIEW_UID, PLUGIN_MODEL_UID]);

/**
 * `modelwatch-<model name>` when that is a valid uid, so the fleet table can link to a model's dashboard by
 * pasting the model_name label into the URL. A name that is not (too long, other characters, or the name of
 * another Modelwatch dashboard) gets a readable prefix and a hash instead, which stays stable and unique.
 */
export function modelUid(model: string): string {
  const plain = `${UID_PREFIX}${model}`;
  if (UID_SAFE.test(model) && plain.length <= MAX_UID && !TAKEN.has(plain)) return plain;
  const hash = createHash('sha256').update(model).digest('hex').slice(0, 8);
  const slug = model.replace(/[^a-zA-Z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
  return `${UID_PREFIX}${slug.slice(0, MAX_UID - UID_PREFIX.length - hash.length - 1)}-${hash}`.replace(/--+/g, '-');
}

// Our own schema for the plugin.json files of the app and its nested plugins: the fields Grafana needs to load
// them and the conventions this repository holds them to. Cross-file rules (includes, logos) are in validate.ts.
import semver from 'semver';
import { z } from 'zod';

export const PLUGIN_TYPES = ['app', 'datasource', 'panel'] as const;
export type PluginType = (typeof PLUGIN_TYPES)[number];

/** `<org>-<name>-<type>`, lower case, as Grafana's catalogue requires. */
export const PLUGIN_ID = /^[a-z0-9]+(-[a-z0-9]+)*-(app|panel|datasource)$/;

/** Placeholders the build replaces; a built plugin.json must not contain them. */
export const PLACEHOLDERS = ['%VERSION%', '%TODAY%', '%PLUGIN_ID%'] as const;

const nonEmpty = z.string().trim().min(1);
/** A path inside the plugin's folder: relative, forward slashes, never leaving the folder. */
const relativePath = nonEmpty.refine((p) => !p.startsWith('/') && !p.split('/').includes('..') && !p.includes('\\'), {
  message: 'must be a relative path inside the plugin folder',
});

const semverRange = nonEmpty.refine((range) => semver.validRange(range) !== null, {
  message: 'must be a valid semver range',
});

const info = z.object({
  description: nonEmpty,
  author: z.object({ name: nonEmpty, url: z.url().optional() }),
  keywords: z.array(nonEmpty).optional(),
  logos: z.object({ small: relativePath, large: relativePath }),
  links: z.array(z.object({ name: nonEmpty, url: z.url() })).optional(),
  screenshots: z.array(z.object({ name: nonEmpty, path: relativePath })).optional(),
  version: nonEmpty,
  updated: nonEmpty,
});

const page = z.object({
  type: z.literal('page'),
  name: nonEmpty,
  path: nonEmpty.regex(
    /^\/(a|plugins)\/(%PLUGIN_ID%|[a-z0-9-]+)(\/[a-z0-9-]+)*$/,
    'must be an app route (/a/<id>/…) or the plugin page (/plugins/<id>)'
  ),
  icon: nonEmpty.optional(),
  role: z.enum(['Viewer', 'Editor', 'Admin']).optional(),
  addToNav: z.boolean().optional(),
  defaultNav: z.boolean().optional(),
});
const nested = z.object({
  type: z.enum(['datasource', 'panel']),
  name: nonEmpty,
  path: relativePath.regex(/(^|\/)plugin\.json$/, 'must point at a plugin.json'),
});
const dashboard = z.object({
  type: z.literal('dashboard'),
  name: nonEmpty,
  path: relativePath.regex(/\.json$/, 'must point at a dashboard JSON file'),
  addToNav: z.boolean().optional(),
});
export const include = z.discriminatedUnion('type', [page, nested, dashboard]);
export type Include = z.infer<typeof include>;

export const pluginJson = z
  .object({
    $schema: z.string().optional(),
    type: z.enum(PLUGIN_TYPES),
    name: nonEmpty,
    id: nonEmpty.regex(PLUGIN_ID, 'must be <org>-<name>-<app|panel|datasource> in lower case'),
    info,
    includes: z.array(include).optional(),
    dependencies: z.object({
      grafanaDependency: semverRange,
      plugins: z
        .array(z.object({ id: nonEmpty, type: z.enum(PLUGIN_TYPES), name: nonEmpty, version: semverRange.optional() }))
        .optional(),
    }),
    // Datasource capabilities; the rest of Grafana's optional fields are allowed through untouched.
    metrics: z.boolean().optional(),
    annotations: z.boolean().optional(),
    alerting: z.boolean().optional(),
    backend: z.boolean().optional(),
  })
  .loose()
  .superRefine((p, ctx) => {
    const suffix = p.id.slice(p.id.lastIndexOf('-') + 1);
    if (suffix !== p.type) {
      ctx.addIssue({ code: 'custom', path: ['id'], message: `ends in -${suffix} but the type is ${p.type}` });
    }
    if (p.includes && p.type !== 'app') {
      ctx.addIssue({
        code: 'custom',
        path: ['includes'],
        message: 'only an app includes other plugins, pages or dashboards',
      });
    }
    const defaults = (p.includes ?? []).filter((i) => i.type === 'page' && i.defaultNav === true);
    if (p.type === 'app' && defaults.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['includes'],
        message: `an app needs exactly one page with defaultNav (found ${defaults.length})`,
      });
    }
    const paths = (p.includes ?? []).map((i) => `${i.type} ${i.path}`);
    const repeated = paths.filter((x, i) => paths.indexOf(x) !== i);
    if (repeated.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['includes'], message: `included twice: ${repeated.join(', ')}` });
    }
  });
export type PluginJson = z.infer<typeof pluginJson>;

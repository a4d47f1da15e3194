import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { notificationProblems, ruleProblems } from '../../packages/cli/src/rules/grafana-rules';
import { readYaml, ROOT } from './support';

// Grafana cannot run here and stops at start-up on a provisioning error, so every Grafana alerting file the
// repo provisions is held to the rules the generator checks. Prometheus rule files have groups too, but no folder.
function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const path = join(dir, e);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(e) ? [relative(ROOT, path)] : [];
  });
}
type Doc = {
  apiVersion?: number;
  groups?: { folder?: string }[];
  contactPoints?: unknown[];
  policies?: unknown[];
};
const docs = ['provisioning', 'deploy']
  .flatMap((d) => yamlFiles(join(ROOT, d)))
  .map((file) => ({ file, doc: readYaml<Doc>(file) ?? {} }))
  .filter(({ doc }) => doc.apiVersion === 1);
const ruleFiles = docs.filter(({ doc }) => doc.groups?.some((g) => 'folder' in g));
const contactFiles = docs.filter(({ doc }) => Array.isArray(doc.contactPoints));
const policyFiles = docs.filter(({ doc }) => Array.isArray(doc.policies));

describe('provisioned Grafana alerting', () => {
  it('finds the rule, contact point and policy files', () => {
    expect(ruleFiles.map((f) => f.file)).toContain('provisioning/alerting/modelwatch-alert-rules.yaml');
    expect(contactFiles.length).toBeGreaterThan(0);
    expect(policyFiles.length).toBeGreaterThan(0);
  });

  it.each(ruleFiles.map((f) => [f.file, f.doc]))('%s: rules Grafana accepts', (_file, doc) => {
    expect(ruleProblems(doc as Parameters<typeof ruleProblems>[0])).toEqual([]);
  });

  it('contact points and policies Grafana accepts, every route to a provisioned contact point', () => {
    const contactPoints = { contactPoints: contactFiles.flatMap(({ doc }) => doc.contactPoints!) };
    const policies = { policies: policyFiles.flatMap(({ doc }) => doc.policies!) };
    expect(
      notificationProblems(
        contactPoints as Parameters<typeof notificationProblems>[0],
        policies as Parameters<typeof notificationProblems>[1]
      )
    ).toEqual([]);
  });
});

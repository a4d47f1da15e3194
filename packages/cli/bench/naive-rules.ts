// The rules generator as it was before it was made to scale, for fleet-bench.ts: the whole config through the
// `yaml` library's document model, every model's groups and file text held in memory, YAML through the library.
// Usage: node naive-rules.js <modelwatch.yaml> <out dir>
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { configSchema } from '../dist/rules/config.js';
import { restoreUserKeys } from '../dist/rules/config-safety.js';
import { generateRuleGroups } from '../dist/rules/generate.js';
import { fileSafe, HEADER, libraryYaml } from '../dist/rules/write.js';

const [configFile, out] = process.argv.slice(2) as [string, string];
const json: unknown = parse(readFileSync(configFile, 'utf8'));
const config = configSchema.parse(json);
restoreUserKeys(json, config);
const files: Record<string, string> = {};
for (const { model, groups } of generateRuleGroups(config)) {
  let name = `${fileSafe(model)}.rules.yml`;
  for (let n = 2; name in files; n++) name = `${fileSafe(model)}-${n}.rules.yml`;
  files[name] = HEADER + libraryYaml({ groups });
}
mkdirSync(out, { recursive: true });
for (const [name, text] of Object.entries(files)) writeFileSync(join(out, name), text);

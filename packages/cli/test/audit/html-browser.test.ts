import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cli, scratchDir } from '../run-cli';

// The audit page as Debian's headless Chromium parses it: the DOM it builds, not the text we wrote.
const CHROMIUM = '/usr/bin/chromium';

function domOf(file: string): string {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium), as .ci/run does`);
  const r = spawnSync(
    CHROMIUM,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--dump-dom',
      pathToFileURL(file).href,
    ],
    { encoding: 'utf8', timeout: 60_000 }
  );
  expect(r.status).toBe(0);
  return r.stdout;
}

it('the HTML audit is one page of tables whose category names stay text', () => {
  const dir = scratchDir();
  const data = join(dir, 'data.csv');
  const lines = ['group,sex,selected'];
  const groups = ['<script>document.title="owned"</script>', 'plain', '<b>bold</b>'];
  groups.forEach((g, k) => {
    for (let i = 0; i < 20; i++)
      lines.push(`"${g.replace(/"/g, `""`)}",${i % 2 ? 'F' : 'M'},${i < 10 + 4 * k ? 1 : 0}`);
  });
  writeFileSync(data, `${lines.join('\n')}\n`);
  const page = join(dir, 'audit.html');
  const r = cli([
    'audit',
    '--data',
    data,
    '--protected',
    'group,sex',
    '--selected',
    'selected',
    '--positive',
    '1',
    '--format',
    'html',
    '--out',
    page,
  ]);
  expect(r.code).toBe(1);
  const dom = domOf(page);
  // No injected element survived: the only script-like text is escaped, and the title is the audit's.
  expect(dom).not.toMatch(/<script|<b>/);
  expect(dom).toContain('<title>Bias audit: nyc-ll144');
  expect(dom).toContain('&lt;script&gt;document.title="owned"&lt;/script&gt;');
  // group, sex and group × sex: three tables with 3 + 2 + 6 category rows, each under one header row.
  expect(dom.match(/<table>/g)).toHaveLength(3);
  expect(dom.match(/<tr/g)).toHaveLength(3 + 3 + 2 + 6);
  expect(dom).toContain('<caption>group × sex (unknown: 0)</caption>');
  expect(dom.match(/<tr class="flag">/g)!.length).toBeGreaterThan(0);
});

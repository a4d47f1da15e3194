// The browser test of the whole plugin: the unmodified dist/ modules in Debian's Chromium against a real
// Prometheus that scrapes real ModelMonitors and evaluates the rules the CLI generates. Prints
// `N passed, N failed`; the exit code is 1 on any failure. Every child process and temp dir is removed at the end,
// whatever happened.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, openHostPage, type HostPage } from './browser';
import { bundleHost } from './bundle';
import { overviewChecks, configPageChecks, regressionOverviewChecks } from './checks/app';
import { complianceChecks } from './checks/compliance';
import { datasourceChecks } from './checks/datasource';
import { panelChecks } from './checks/panels';
import { builtPlugins, modulesOf, pluginChecks } from './checks/plugins';
import { scenarioChecks } from './checks/scenario';
import { truthOf } from './checks/truth';
import { Cleanup } from './cleanup';
import { hostConfig, routeDatasources } from './datasources';
import { PLATEAU_MS } from './fixtures/scenario';
import { startWorld } from './fixtures/world';
import { pathsFrom } from './paths';
import { Results } from './results';
import { startServer } from './server';

export async function main(pkg: string, args: string[] = []): Promise<number> {
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  const paths = pathsFrom(pkg, { updateDocs: args.includes('--update-docs') });
  const results = new Results();
  const cleanup = new Cleanup();
  cleanup.onSignals((code) => process.exit(code));
  const pages: HostPage[] = [];
  try {
    const plugins = builtPlugins(paths);
    const modules = modulesOf(plugins);
    const dir = mkdtempSync(join(tmpdir(), 'modelwatch-browser-'));
    cleanup.defer('temp dir', () => rmSync(dir, { recursive: true, force: true }));

    console.log('starting Prometheus, the traffic services and Chromium; bundling the host page');
    const [world, server, browser] = await Promise.all([
      startWorld(paths, dir, cleanup),
      startServer(paths).then((s) => {
        cleanup.defer('harness server', () => s.close());
        return s;
      }),
      launchBrowser().then((b) => {
        cleanup.defer('chromium', () => b.close());
        return b;
      }),
      bundleHost(paths),
    ]);
    for (const p of plugins) {
      server.pluginDirs.set(p.id, join(paths.dist, p.dir));
    }
    await routeDatasources(server, world.prometheus.url, world.emptyPrometheus.url);
    console.log(`ready after ${elapsed()}`);
    const truth = truthOf(world);

    console.log('the scenario');
    await scenarioChecks(world, truth, results);

    for (const mode of ['dark', 'light'] as const) {
      const host = await openHostPage(browser, server.url, mode, modules, hostConfig());
      pages.push(host);
      if (mode === 'dark') {
        console.log('the plugins');
        await pluginChecks(plugins, await host.page.evaluate(() => window.modelwatchHost.pluginKinds()), results);
        console.log('the datasource');
        await datasourceChecks({ host, world, truth }, results);
      }
      console.log(`the panels (${mode})`);
      await panelChecks({ host, world, truth, paths }, results);
      console.log(`the app (${mode})`);
      await overviewChecks({ host, world, truth, paths, server }, results);
      await regressionOverviewChecks({ host, world, truth, paths, server }, results);
      console.log(`the compliance page (${mode})`);
      await complianceChecks({ host, world, truth, paths, server }, results);
    }
    const config = await openHostPage(browser, server.url, 'dark', modules, hostConfig());
    pages.push(config);
    await configPageChecks({ host: config, world, truth, paths, server }, results);
    console.log(`checks done after ${elapsed()}`);
    const burst = Math.min(...[...world.versions, world.regression].map((v) => v.fed!.start));
    if (Date.now() - burst > PLATEAU_MS) {
      results.fail(
        'timing',
        `the checks ended ${Math.round((Date.now() - burst) / 1000)} s after the bursts, past the scenario's windows (${PLATEAU_MS / 1000} s): their numbers may have moved`
      );
    }
  } catch (error) {
    results.fail('harness', error instanceof Error ? error.message : String(error));
  } finally {
    for (const host of pages) {
      for (const problem of new Set(host.problems)) {
        results.fail(`browser (${host.mode})`, problem);
      }
    }
    await cleanup.run();
  }
  console.log(`\n${results.summary()}\n(${elapsed()})`);
  return results.ok ? 0 : 1;
}

// Extends the scaffold's webpack config (which stays untouched under .config/).
import CopyWebpackPlugin from 'copy-webpack-plugin';
import type { Configuration } from 'webpack';
import grafanaConfig, { type Env } from './.config/webpack/webpack.config.ts';

export default async (env: Env): Promise<Configuration> => {
  const base = await grafanaConfig(env);
  return {
    ...base,
    plugins: [
      ...(base.plugins ?? []),
      // Nested plugins' logos: the scaffold copies only the root plugin.json's logos.
      new CopyWebpackPlugin({ patterns: [{ from: '*/**/img/*', to: '.', noErrorOnMissing: true }] }),
    ],
  };
};

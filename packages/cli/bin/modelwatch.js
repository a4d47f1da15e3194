#!/usr/bin/env node
// Committed so npm links `modelwatch` at `npm ci`, before dist/ is built: npm skips a bin that points into
// a missing dist/, and `npx modelwatch` then finds no executable.
const entry = new URL('../dist/bin.js', import.meta.url);
try {
  await import(entry.href);
} catch (error) {
  // Only a missing build gets the hint; any other failure is the CLI's own and keeps its message.
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes(entry.pathname)) {
    console.error('modelwatch: packages/cli is not built yet; run `npm run build` first');
    process.exit(2);
  }
  throw error;
}

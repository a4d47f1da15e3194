// node examples/lending/dist/demo/service.js — the demo's inference service (see service/routes.ts).
import { serviceMain } from './service/service-main.js';

serviceMain(process.argv.slice(2), process.env).catch((e: unknown) => {
  process.stderr.write(`lending demo service: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}\n`);
  process.exit(2);
});

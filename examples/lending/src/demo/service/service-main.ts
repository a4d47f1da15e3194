// Starts the demo inference service: the lending model behind HTTP, watched by @modelwatch/otel.
import { createServer } from 'node:http';
import { PATHS } from '../lending-paths.js';
import { MortgageModel } from '../model/mortgage-model.js';
import { LatencyCounts } from './latency-counts.js';
import { startMonitoring, MODEL } from './monitoring.js';
import { loadOrBuildProfile } from './reference-profile.js';
import { createHandler } from './routes.js';

export const SERVICE_HELP = `Usage: node examples/lending/dist/demo/service.js [--exit-with-stdin]

The lending demo's inference service: POST /predict, POST /outcome, GET /metrics, GET /health,
GET /snapshot, POST /alerts (Alertmanager webhook).

Environment:
  PORT      port to listen on (default 8080; 0 picks a free one)
  HOST      address to bind (default 127.0.0.1; 0.0.0.0 in a container)
  PROFILE   reference profile JSON from \`modelwatch profile\` (default: built from data/reference.csv at start)

--exit-with-stdin  exit when standard input closes (for a parent process that supervises the service)
`;

const log = (line: string): void => {
  process.stdout.write(`${new Date().toISOString()} ${line}\n`);
};

function portOf(text: string | undefined): number {
  if (text === undefined || text === '') return 8080;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`PORT=${text}: must be a port number from 0 to 65535`);
  return port;
}

export async function serviceMain(argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(SERVICE_HELP);
    return;
  }
  const unknown = argv.find((a) => a !== '--exit-with-stdin');
  if (unknown) throw new Error(`unknown option ${unknown} (run with --help for usage)`);
  const port = portOf(env.PORT);
  const host = env.HOST || '127.0.0.1';

  const model = MortgageModel.load(PATHS.model);
  const profile = await loadOrBuildProfile(env.PROFILE || undefined, PATHS.reference);
  const monitoring = startMonitoring(profile, model.threshold);
  const server = createServer(createHandler({ model, monitoring, latency: new LatencyCounts(), log }));
  server.keepAliveTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        new Error(
          e.code === 'EADDRINUSE'
            ? `${host}:${port} is in use: set PORT to a free port`
            : e.code === 'EADDRNOTAVAIL'
              ? `HOST=${host} is not an address of this machine`
              : e.message
        )
      )
    );
    server.listen(port, host, resolve);
  });
  const address = server.address();
  const bound = typeof address === 'object' && address !== null ? address.port : port;
  log(`listening on http://${host.includes(':') ? `[${host}]` : host}:${bound} (model ${MODEL.name} ${MODEL.version})`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    server.close();
    server.closeAllConnections();
    // Called from signal and stdin handlers, which nothing awaits: the process exits once the last metrics
    // are flushed, or once flushing failed.
    void monitoring.shutdown().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  if (argv.includes('--exit-with-stdin')) {
    process.stdin.on('end', stop);
    process.stdin.on('error', stop);
    process.stdin.resume();
  }
}

import type { Command } from 'commander';
import { hqConfigFromEnv, parseHqConfig, startHq } from '@sandogh/hq';
import { action } from '../program.js';
import { say } from '../output.js';
import { databaseOption, prepareDatabaseUrl } from '../storeOption.js';
import { runDemoServe } from './demoServe.js';

interface ServeFlags {
  host?: string;
  port?: string;
  database: string;
}

function withServeFlags(command: Command): Command {
  return databaseOption(
    command
      .option('--host <host>', 'address to listen on (env SANDOGH_HOST)', undefined)
      .option('-p, --port <port>', 'port (env SANDOGH_PORT; 0 picks a free one)', undefined),
  );
}

/** `sandogh serve` (the HQ server) and `sandogh demo-serve` (the README's main job). */
export function registerServeCommands(program: Command): void {
  withServeFlags(program.command('serve').description('Start the HQ server')).action(
    action(async (flags: ServeFlags) => {
      const config = parseHqConfig(hqConfigFromEnv(process.env), {
        host: flags.host,
        port: flags.port,
        databaseUrl: prepareDatabaseUrl(flags.database),
      });
      if (!config.ok) return config.error;
      const hq = await startHq(config.value);
      say(`Sandogh HQ listening on ${hq.url}  (API docs: ${hq.url}/docs)`);
      return undefined;
    }),
  );

  withServeFlags(
    program
      .command('demo-serve')
      .description('Generate the Tehran demo if needed, load it, and start the HQ server on it')
      .option('--dir <dir>', 'where the demo files live', '.sandogh/demo')
      .option('--voters <n>', 'voters in the generated registry', '10000')
      .option('--no-election', 'only serve the demo: skip the demo election (the main job)')
      .option('--election-voters <n>', 'voters who check in and vote in the demo election', '1000')
      .option(
        '--election-branches <n>',
        'branches with a station process in the demo election',
        '8',
      )
      .option(
        '--station-port <port>',
        "the first station's local port (the next ones follow)",
        '7100',
      )
      .option('--exit-after-election', 'stop once the demo election is done instead of serving'),
  ).action(action(runDemoServe));
}

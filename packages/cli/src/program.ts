import { Command, CommanderError } from 'commander';
import { problem, ProblemError, type Problem } from '@sandogh/core';
import { printProblems } from './output.js';
import { registerElectionCommands } from './commands/election.js';
import { registerRunoffCommands } from './commands/runoff.js';
import { registerDemoCommands } from './commands/demo.js';
import { registerServeCommands } from './commands/serve.js';
import { registerStaffCommands } from './commands/staff.js';
import { registerCeremonyCommands } from './commands/ceremony.js';
import { registerVerifyCommands } from './commands/verify.js';
import { registerTrackCommands } from './commands/track.js';
import { registerAuditCommands } from './commands/audit.js';
import { registerLotCommands } from './commands/lot.js';
import { registerRlaCommands } from './commands/rla.js';
import { registerResultsCommands } from './commands/results.js';
import { registerSuppliesCommands } from './commands/supplies.js';
import { registerIncidentsCommands } from './commands/incidents.js';
import { registerDevicesCommands } from './commands/devices.js';
import { registerStaffingCommands } from './commands/staffing.js';
import { registerMobileCommands } from './commands/mobile.js';
import { registerSpeedCommands } from './commands/speed.js';
import { registerRegistryCommands } from './commands/registry.js';
import { registerStationCommands } from './commands/station.js';

/** Exit codes: 0 done, 1 the input or the state was refused (problems printed), 2 usage. */
export const EXIT_REFUSED = 1;
export const EXIT_USAGE = 2;

/** Wraps a command so that every expected failure prints as problems and exits non-zero. */
export function action<A extends unknown[]>(
  run: (...args: A) => Promise<readonly Problem[] | undefined>,
) {
  return async (...args: A): Promise<void> => {
    try {
      const problems = await run(...args);
      if (problems !== undefined && problems.length > 0) {
        printProblems(problems);
        process.exitCode = EXIT_REFUSED;
      }
    } catch (e) {
      if (e instanceof ProblemError) {
        printProblems(e.problems);
        process.exitCode = EXIT_REFUSED;
        return;
      }
      throw e;
    }
  };
}

export function buildProgram(): Command {
  const program = new Command('sandogh')
    .description(
      'Sandogh (صندوق): the county election headquarters, its branches and a result anyone can verify',
    )
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride();
  program.configureOutput({
    outputError: (text) => {
      printProblems([problem('CLI_USAGE', { reason: text.replace(/^error: /, '').trim() })]);
    },
  });
  registerServeCommands(program);
  registerDemoCommands(program);
  registerElectionCommands(program);
  registerRunoffCommands(program);
  registerStaffCommands(program);
  registerCeremonyCommands(program);
  registerVerifyCommands(program);
  registerTrackCommands(program);
  registerSuppliesCommands(program);
  registerIncidentsCommands(program);
  registerDevicesCommands(program);
  registerStaffingCommands(program);
  registerMobileCommands(program);
  registerSpeedCommands(program);
  registerAuditCommands(program);
  registerResultsCommands(program);
  registerLotCommands(program);
  registerRlaCommands(program);
  registerRegistryCommands(program);
  registerStationCommands(program);
  return program;
}

export async function runCli(argv: readonly string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and version "errors" are successful exits
      process.exitCode = e.exitCode === 0 ? 0 : EXIT_USAGE;
      return;
    }
    throw e;
  }
}

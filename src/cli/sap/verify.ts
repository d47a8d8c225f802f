import { parseArgs } from 'node:util';
import { AppError } from '../../server/http/errors.js';
import { verifyAssignmentRun } from '../../server/features/assignments/assignments.verify.js';
import { verifyRankingRun } from '../../server/features/rankings/rankings.actions.js';
import type { CliEnv } from '../context.js';

/** `abitare sap verify --run <id>`: recomputes a stored ranking or assignment run from its snapshot; exit 0 only if identical. */
export async function run(args: string[], env: CliEnv): Promise<number> {
  const { values } = parseArgs({ args, options: { run: { type: 'string' } } });
  if (!values.run) {
    console.error('Uso: abitare sap verify --run <id>');
    return 2;
  }
  try {
    const assignment = await verifyAssignmentRun(env.db.kysely, values.run);
    if (assignment) {
      if (assignment.identical) {
        console.log(
          `Proposta di assegnazione ${assignment.runId}: ricalcolo identico (impronta ${assignment.storedHash}).`,
        );
        return 0;
      }
      console.error(
        `Proposta di assegnazione ${assignment.runId}: il ricalcolo NON è identico (impronta ${assignment.sameHash ? 'uguale' : 'diversa'}, proposte ${assignment.sameProposals ? 'uguali' : 'diverse'}).`,
      );
      return 1;
    }
    const result = await verifyRankingRun(env.db.kysely, values.run);
    if (result.identical) {
      console.log(`Elaborazione ${result.runId}: ricalcolo identico (impronta ${result.storedHash}).`);
      return 0;
    }
    console.error(
      `Elaborazione ${result.runId}: il ricalcolo NON è identico (impronta salvata ${result.storedHash}, ricalcolata ${result.recomputedHash}; ordine ${result.sameOrder ? 'uguale' : 'diverso'}).`,
    );
    return 1;
  } catch (err) {
    if (err instanceof AppError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
}

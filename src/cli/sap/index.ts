// `abitare sap <command>`: batch work on public-housing calls. Each command lives in its own file
// and returns the process exit code; bad input gets a clear message and a non-zero code.
import type { CliEnv } from '../context.js';

type Command = (args: string[], env: CliEnv) => Promise<number>;

// Registered as each command lands (create-call, import-units, import, rank, assign, export, verify).
const COMMANDS: Record<string, { usage: string; load: () => Promise<Command> }> = {
  'create-call': {
    usage: 'create-call --name <testo> --opens <AAAA-MM-GG> --closes <AAAA-MM-GG>',
    load: async () => (await import('./create-call.js')).run,
  },
  import: {
    usage: 'import <avviso> <domande.csv> [--members <componenti.csv>] [--dry-run]',
    load: async () => (await import('./import-applications.js')).run,
  },
  'import-units': {
    usage: 'import-units <avviso> <file.csv>',
    load: async () => (await import('./import-units.js')).run,
  },
  rank: { usage: 'rank <avviso>', load: async () => (await import('./rank.js')).run },
  assign: { usage: 'assign <avviso>', load: async () => (await import('./assign.js')).run },
  export: {
    usage: 'export <avviso> --format csv|pdf|json [--out <file>]',
    load: async () => (await import('./export.js')).run,
  },
  verify: { usage: 'verify --run <id>', load: async () => (await import('./verify.js')).run },
};

export function sapUsage(): string {
  return Object.values(COMMANDS)
    .map((c) => `  sap ${c.usage}`)
    .join('\n');
}

export async function runSap(argv: string[], env: CliEnv): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    console.error(`Comando sap sconosciuto${name ? `: ${name}` : ''}.\n${sapUsage()}`);
    return 2;
  }
  const run = await command.load();
  return run(args, env);
}

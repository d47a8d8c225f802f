// Fault injection for the crash tests (issue 7): a process started with ABITARE_FAILPOINT=<name>
// kills itself with SIGKILL when it reaches that point, mid-transaction, exactly where a power cut
// or an OOM kill would hurt most. Needed where a batch's write phase is too short to be hit by a
// kill from outside (an assignment run writes for a few milliseconds). Never armed in production.
let armed: string | null = null;

export function armFailpoint(name: string | null): void {
  armed = name;
}

/** Kills the process here if this point is armed; does nothing otherwise. */
export function failpoint(name: string): void {
  if (armed !== null && armed === name) process.kill(process.pid, 'SIGKILL');
}

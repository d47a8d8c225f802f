// Codes of SAP calls and the timeline wording of their applications, in one place for the use cases
// (server/features/calls and applications) and for the demo generator (core/demo), which writes the
// same rows without going through them.

/** The named sequence (server/db/sequences.ts) that numbers the calls opening in the year of `opensOn`. */
export function callSequenceName(opensOn: string): string {
  return `call:${opensOn.slice(0, 4)}`;
}

/** AVV-2026-001: the year the call opens and its number among that year's calls. */
export function formatCallCode(opensOn: string, seq: number): string {
  return `AVV-${opensOn.slice(0, 4)}-${String(seq).padStart(3, '0')}`;
}

const ISBAR_FORMAT = new Intl.NumberFormat('it-IT', { minimumFractionDigits: 2, maximumFractionDigits: 3 });

/** An ISBAR held as thousandths, as Italians write it: 23,50 or 11,125. */
export function formatIsbar(milli: number): string {
  return ISBAR_FORMAT.format(milli / 1000);
}

export type ApplicationSource = 'platform_import' | 'front_desk';

/** The household's timeline event of a new application: imported from the platform, or entered at the desk. */
export function applicationRecordedEvent(
  source: ApplicationSource,
  platformId: string,
  callCode: string,
  isbarMilli: number,
): { readonly kind: string; readonly title: string } {
  const isbar = formatIsbar(isbarMilli);
  return source === 'front_desk'
    ? {
        kind: 'application_entered',
        title: `Domanda ${platformId} all’avviso ${callCode} registrata allo sportello (ISBAR ${isbar})`,
      }
    : {
        kind: 'application_imported',
        title: `Domanda ${platformId} all’avviso ${callCode} importata (ISBAR ${isbar})`,
      };
}

/** The household's timeline event of the officer's decision on an application's requirements. */
export function applicationReviewedEvent(
  platformId: string,
  callCode: string,
  decision: 'admitted' | 'excluded',
): { readonly kind: string; readonly title: string } {
  return {
    kind: 'application_reviewed',
    title: `Istruttoria della domanda ${platformId} all’avviso ${callCode}: ${decision === 'admitted' ? 'ammessa' : 'esclusa'}`,
  };
}

import { TIE_BREAK_KEY_LABELS, type TieBreakKey } from '../../../core/sap/ranking.js';
import type { RankingsView } from '../../../shared/rankings.js';

export type RankingState = NonNullable<RankingsView['run']>['state'];
export type CorrectionOutcome = RankingsView['corrections'][number]['outcome'];

/** Badge colours of Bootstrap Italia, all with AA contrast for their white text. */
export const RANKING_STATE_BADGES: Record<RankingState, string> = {
  draft: 'bg-secondary',
  provisional: 'bg-primary',
  final: 'bg-success',
};

export const CORRECTION_OUTCOME_LABELS: Record<CorrectionOutcome, string> = {
  pending: 'In attesa di decisione',
  granted: 'Accolta',
  rejected: 'Respinta',
  granted_by_silence: 'Accolta per silenzio',
};

export const CORRECTION_OUTCOME_BADGES: Record<CorrectionOutcome, string> = {
  pending: 'bg-secondary',
  granted: 'bg-success',
  rejected: 'bg-danger',
  granted_by_silence: 'bg-success',
};

/** A tie-break key as the officer reads it; an unknown key (a newer server) is shown as it is. */
export function tieBreakLabel(key: string): string {
  return key in TIE_BREAK_KEY_LABELS ? TIE_BREAK_KEY_LABELS[key as TieBreakKey] : key;
}

const isbarFormat = new Intl.NumberFormat('it-IT', { minimumFractionDigits: 0, maximumFractionDigits: 3 });

/** ISBAR as an Italian number: 12.5 → '12,5'. */
export function formatIsbar(value: number): string {
  return isbarFormat.format(value);
}

const romeDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Rome',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today in Italy as 'YYYY-MM-DD', the default of the date fields. */
export function todayInRome(now = new Date()): string {
  const part = (type: string) => romeDay.formatToParts(now).find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

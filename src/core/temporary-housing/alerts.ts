// Alerts for the agency's work list from temporary housing: stays ending soon without an exit plan,
// overdue educator reports, unpaid co-payments. Pure: the day and the periods are parameters.

import { addDays, addMonths, daysBetween, formatPlainDateIt, type PlainDate } from '../kernel/plain-date.js';
import { formatEuro } from '../kernel/money.js';
import type { WorkAlert } from '../evictions/alerts.js';

export interface PlacementAlertFacts {
  readonly id: string;
  readonly code: string;
  readonly householdId: string;
  readonly startsOn: PlainDate;
  readonly plannedEndOn: PlainDate;
  readonly exitedOn: PlainDate | null;
  readonly hasExitPlan: boolean;
  /** Day of the latest educator report, if any. */
  readonly lastReportOn: PlainDate | null;
  readonly monthlyCopaymentCents: number;
  /** Co-payments actually paid, per month 'YYYY-MM'. */
  readonly paidByMonth: Readonly<Record<string, number>>;
}

export interface PlacementAlertOptions {
  readonly today: PlainDate;
  /** Days before the planned end by which an exit plan is expected (the issue: 30). */
  readonly exitWindowDays: number;
  /** The educator reports at least this often (a municipal choice; a setting). */
  readonly reportEveryDays: number;
}

const monthOf = (d: PlainDate) => d.slice(0, 7);

/** Months whose co-payment is due by the day: the stay's months (start to end) that are over. */
export function dueMonths(startsOn: PlainDate, endOn: PlainDate, today: PlainDate): string[] {
  const out: string[] = [];
  for (
    let d = `${monthOf(startsOn)}-01` as PlainDate;
    monthOf(d) <= monthOf(endOn) && monthOf(d) < monthOf(today);
    d = addMonths(d, 1)
  ) {
    out.push(monthOf(d));
  }
  return out;
}

export function unpaidMonths(p: PlacementAlertFacts, today: PlainDate): { month: string; missingCents: number }[] {
  if (p.monthlyCopaymentCents <= 0) return [];
  const end = p.exitedOn ?? p.plannedEndOn;
  return dueMonths(p.startsOn, end, today)
    .map((month) => ({ month, missingCents: p.monthlyCopaymentCents - (p.paidByMonth[month] ?? 0) }))
    .filter((m) => m.missingCents > 0);
}

const monthLabel = (m: string) => `${m.slice(5, 7)}/${m.slice(0, 4)}`;

export function placementAlerts(p: PlacementAlertFacts, o: PlacementAlertOptions): WorkAlert[] {
  const base = { subjectType: 'placement' as const, subjectId: p.id, subjectCode: p.code, householdId: p.householdId };
  const out: WorkAlert[] = [];
  if (p.exitedOn === null) {
    const days = daysBetween(o.today, p.plannedEndOn);
    if (!p.hasExitPlan && p.plannedEndOn <= addDays(o.today, o.exitWindowDays)) {
      out.push({
        ...base,
        code: 'stay_ending_without_exit_plan',
        severity: days <= 7 ? 'high' : 'medium',
        title: `Permanenza in scadenza senza piano di uscita`,
        detail:
          days < 0
            ? `La permanenza è scaduta il ${formatPlainDateIt(p.plannedEndOn)} e non c’è un piano di uscita.`
            : `La permanenza termina il ${formatPlainDateIt(p.plannedEndOn)} (tra ${days} giorni) e non c’è un piano di uscita.`,
        dueOn: p.plannedEndOn,
      });
    }
    const since = p.lastReportOn ?? p.startsOn;
    const due = addDays(since, o.reportEveryDays);
    if (due < o.today) {
      out.push({
        ...base,
        code: 'educator_report_overdue',
        severity: 'medium',
        title: 'Relazione dell’educatore in ritardo',
        detail: p.lastReportOn
          ? `Ultima relazione il ${formatPlainDateIt(p.lastReportOn)}; la successiva era attesa entro il ${formatPlainDateIt(due)} (ogni ${o.reportEveryDays} giorni).`
          : `Nessuna relazione dall’inizio (${formatPlainDateIt(p.startsOn)}); la prima era attesa entro il ${formatPlainDateIt(due)}.`,
        dueOn: due,
      });
    }
  }
  const unpaid = unpaidMonths(p, o.today);
  if (unpaid.length > 0) {
    const total = unpaid.reduce((s, m) => s + m.missingCents, 0);
    out.push({
      ...base,
      code: 'copayment_unpaid',
      severity: unpaid.length >= 3 ? 'high' : 'low',
      title: 'Compartecipazione non versata',
      detail: `Mancano ${formatEuro(total)} per ${unpaid.map((m) => monthLabel(m.month)).join(', ')}.`,
      dueOn: null,
    });
  }
  return out;
}

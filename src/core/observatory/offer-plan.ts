// The draft of the annual offer plan of the Ambito (LR 16/2016 art. 6; RR 4/2017 art. 4 c.3):
// the units expected to become available, per owner and Comune, with the quotas of rules.md §2.7
// computed on them and the share for transitional housing (SAT). Pure: the caller passes the units.
import { computeCallQuotas, type OwnerKind, type QuotaError, type QuotaFigure } from '../sap/quotas.js';

export interface PlanUnit {
  readonly id: string;
  readonly ownerId: string;
  readonly ownerName: string;
  readonly ownerKind: OwnerKind;
  readonly comune: string;
  /** Why it is expected: free now, works to finish, … (RR art. 4 c.3 lett. b.1 and following). */
  readonly reason: 'available' | 'works_needed';
}

export interface PlanSettings {
  readonly year: number;
  /** Share each owner reserves for the art. 14 categories (up to 20%, RR art. 4 c.3 lett. c bis). */
  readonly reservePercent: number;
  /** Share for SAT (up to 10%, LR 16/2016 art. 23 c.13). */
  readonly satPercent: number;
}

export interface PlanRow {
  readonly ownerName: string;
  readonly comune: string;
  readonly available: number;
  readonly worksNeeded: number;
  readonly total: number;
}

export type OfferPlanDraft =
  | {
      readonly ok: true;
      readonly year: number;
      readonly rows: readonly PlanRow[];
      readonly quotas: {
        readonly indigent: readonly QuotaFigure[];
        readonly reserve: readonly QuotaFigure[];
        readonly sat: readonly QuotaFigure[];
        readonly parametersVersion: string;
      };
      readonly satUnits: number;
    }
  | { readonly ok: false; readonly errors: readonly QuotaError[] };

export function draftOfferPlan(units: readonly PlanUnit[], settings: PlanSettings): OfferPlanDraft {
  const byKey = new Map<string, { ownerName: string; comune: string; available: number; worksNeeded: number }>();
  for (const u of units) {
    const key = `${u.ownerName}|${u.comune}`;
    const row = byKey.get(key) ?? { ownerName: u.ownerName, comune: u.comune, available: 0, worksNeeded: 0 };
    if (u.reason === 'available') row.available += 1;
    else row.worksNeeded += 1;
    byKey.set(key, row);
  }
  const rows = [...byKey.values()]
    .map((r) => ({ ...r, total: r.available + r.worksNeeded }))
    .sort((a, b) =>
      a.ownerName === b.ownerName ? (a.comune < b.comune ? -1 : 1) : a.ownerName < b.ownerName ? -1 : 1,
    );
  const result = computeCallQuotas(
    units.map((u) => ({ id: u.id, ownerId: u.ownerName, ownerKind: u.ownerKind, comune: u.comune })),
    { callKind: 'ordinary', reservePercent: settings.reservePercent, satPercent: settings.satPercent },
  );
  if (!result.ok) return { ok: false, errors: result.errors };
  const { indigent, reserve, sat, parametersVersion } = result.quotas;
  return {
    ok: true,
    year: settings.year,
    rows,
    quotas: { indigent, reserve, sat, parametersVersion },
    satUnits: sat.reduce((n, f) => n + f.count, 0),
  };
}

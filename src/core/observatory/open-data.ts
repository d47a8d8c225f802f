// Open data of the observatory: aggregate tables with no personal data, where a cell counting fewer
// than 5 households is suppressed (statistical confidentiality: a small count can identify a
// family; GDPR art. 89, Codice privacy art. 106 and the Garante's rules for statistics). A single
// suppressed cell in a group could be worked out from the group's total, so the next smallest cell
// of that group is suppressed too (secondary suppression).

export const MIN_HOUSEHOLDS_PER_CELL = 5;

export interface OpenDataRow {
  /** The cell's dimensions (year, Comune, category …), already without personal data. */
  readonly keys: Readonly<Record<string, string>>;
  /** Households the cell counts: the figure that decides whether it is shown. */
  readonly households: number;
  /** Other figures of the cell (units, euros …), hidden together with it. */
  readonly values?: Readonly<Record<string, number>>;
}

export interface PublishedRow {
  readonly keys: Readonly<Record<string, string>>;
  readonly households: number | null;
  readonly values: Readonly<Record<string, number | null>>;
  readonly suppressed: 'none' | 'small_cell' | 'complementary';
}

function hide(row: OpenDataRow, why: PublishedRow['suppressed']): PublishedRow {
  const values = Object.fromEntries(Object.keys(row.values ?? {}).map((k) => [k, null]));
  return { keys: row.keys, households: null, values, suppressed: why };
}

/**
 * Suppresses cells with 1–4 households (0 is not identifying and is shown), then, in every group
 * (rows with the same values of `groupBy`), a second cell when exactly one was suppressed.
 */
export function suppressSmallCells(
  rows: readonly OpenDataRow[],
  options: { readonly groupBy?: readonly string[]; readonly threshold?: number } = {},
): PublishedRow[] {
  const threshold = options.threshold ?? MIN_HOUSEHOLDS_PER_CELL;
  const small = (r: OpenDataRow) => r.households > 0 && r.households < threshold;
  const out: PublishedRow[] = rows.map((r) =>
    small(r)
      ? hide(r, 'small_cell')
      : { keys: r.keys, households: r.households, values: { ...r.values }, suppressed: 'none' },
  );
  const groupBy = options.groupBy ?? [];
  const groups = new Map<string, number[]>();
  rows.forEach((r, i) => {
    const key = JSON.stringify(groupBy.map((g) => r.keys[g] ?? ''));
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  for (const indexes of groups.values()) {
    const hidden = indexes.filter((i) => out[i]?.suppressed !== 'none');
    if (hidden.length !== 1 || indexes.length < 2) continue;
    const candidates = indexes
      .filter((i) => out[i]?.suppressed === 'none' && (rows[i]?.households ?? 0) > 0)
      .sort((a, b) => (rows[a]?.households ?? 0) - (rows[b]?.households ?? 0) || a - b);
    const next = candidates[0];
    if (next !== undefined) out[next] = hide(rows[next]!, 'complementary');
  }
  return out;
}

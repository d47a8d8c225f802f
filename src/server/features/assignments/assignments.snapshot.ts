// The stored input of an assignment run (assignment_runs.inputs_snapshot), from which `abitare sap
// verify` recomputes the proposal and each application's outcome is explained on request.
// Format 3 (current): one line of JSON with everything but the applications (keys in a fixed
// order, so JSON.stringify is canonical by construction), a newline, then the applications exactly
// as the run read them from the database (loadApplicationText): one line per application, fields
// separated by U+001F, lines by U+001E, units by code and Comuni by Belfiore code. The run stores the text it read instead of re-encoding
// 100,000 applications, and both the run and `verify` turn it into the rules' input with the same
// function (parseApplicationLines). The hash is SHA-256 of the whole text, prefixed "sha256:".
// Format 2 (runs made before): one JSON object with the applications as arrays of values.
// Format 1 (older still): objects in canonical JSON, FNV-1a 64 hash.
import { createHash } from 'node:crypto';
import type {
  ApplicationColumns,
  ApplicationStatus,
  AssignmentApplication,
  AssignmentUnit,
  Refusal,
} from '../../../core/sap/assignment.js';
import { fnv1a64Hex } from '../../../core/sap/fingerprint.js';
import type { QuotaFigure } from '../../../core/sap/quotas.js';

export interface AssignmentSnapshot {
  readonly units: readonly AssignmentUnit[];
  readonly applications: readonly AssignmentApplication[] | ApplicationColumns;
  readonly rankingRunId: string;
  readonly rankingHash: string;
  readonly quotas: { readonly indigent: readonly QuotaFigure[]; readonly reserve: readonly QuotaFigure[] };
  readonly refusals: readonly Refusal[];
  readonly policy: string;
  /** Applications that held a unit when the run was made: in it as not available, not explained. */
  readonly held: readonly string[];
}

/**
 * One application, compact: repeated texts (Comuni, unit codes, reserve categories) are indexes
 * into `strings`, and the status a letter (a admitted, e excluded, r under review). A call of
 * 100,000 applications stores about half the bytes of plain objects, and hashes them in half the time.
 */
type ApplicationTuple = [
  id: string,
  status: 'a' | 'e' | 'r',
  membersCount: number,
  highestInvalidityPercent: number | null,
  indigent: 0 | 1,
  residenceComune: number | null,
  reserveCategories: number[],
  unitIds: number[],
];

const LETTER_STATUS: Record<ApplicationTuple[1], ApplicationStatus> = {
  a: 'admitted',
  e: 'excluded',
  r: 'under_review',
};

interface SnapshotV2 extends Omit<SnapshotHeader, 'comuni'> {
  readonly format: 2;
  /** The texts the applications refer to by index, in order of first use. */
  readonly strings: readonly string[];
  readonly applications: readonly ApplicationTuple[];
}

/** Separates the fields of one application line: a control character no imported field can hold. */
export const FIELD_SEPARATOR = '\u001f';
/** Separates the application lines. */
export const LINE_SEPARATOR = '\u001e';

/** The fields of an application line, in order (assignments.queries.ts loadApplicationText). */
export const APPLICATION_LINE_FIELDS = [
  'platformId',
  'membersCount',
  'maxInvalidityPercent',
  'indigent',
  'indigenceAttested',
  /** The Comune of residence by its Belfiore code (short and unique, like the unit codes). */
  'residenceComuneCode',
  'reserveCategories',
  'choice1UnitCode',
  'choice2UnitCode',
  /** The latest review's decision by its first letter: a(dmitted), e(xcluded), empty when none. */
  'decision',
] as const;

/** What turns the lines into the rules' applications, besides the lines themselves. */
export interface LineContext {
  /** Comune ids by Belfiore code (the rules compare a household's Comune with the unit's). */
  readonly comuneIdByCode: ReadonlyMap<string, string>;
  /** Platform ids of applications holding a unit when the run was made: in it as not available. */
  readonly held: ReadonlySet<string>;
  /** The ranking run's order of platform ids: an application outside it waits for a new ranking. */
  readonly order: readonly string[];
}

export interface ParsedLines {
  /**
   * In the ranking's order, then those outside it in the order of the lines: the rules walk the
   * ranking without looking each application up (core/sap/assignment.ts, aligned input).
   */
  readonly applications: ApplicationColumns;
  /** Applications in the ranking and not holding a unit: those the run explains. */
  readonly candidates: number;
}

const NO_CATEGORIES: readonly string[] = Object.freeze([]);
const ADMITTED = 'a';
const EXCLUDED = 'e';

function unreadableLine(line: string, what: string): Error {
  const shown = line.slice(0, 40).split(FIELD_SEPARATOR).join(';');
  return new Error(`Domanda illeggibile per l’assegnazione: ${what} («${shown}»).`);
}

const INVALID_INTEGER = -2;

/** The non-negative integer written between `a` and `b`, or INVALID_INTEGER (also when empty). */
function integerAt(text: string, a: number, b: number): number {
  if (a === b || b - a > 9) return INVALID_INTEGER;
  let value = 0;
  for (let c = a; c < b; c++) {
    const digit = text.charCodeAt(c) - 48;
    if (digit < 0 || digit > 9) return INVALID_INTEGER;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * Numbers the distinct texts found between given offsets of a larger text, in order of first use,
 * reading them in place (FNV-1a hash, open addressing): a lookup cuts no string out of the text.
 */
class TextIndex {
  readonly texts: string[] = [];
  private hashes: number[] = [];
  private slots = new Int32Array(64).fill(-1);

  indexOf(text: string, a: number, b: number): number {
    let hash = 0x811c9dc5;
    for (let c = a; c < b; c++) hash = Math.imul(hash ^ text.charCodeAt(c), 0x01000193);
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const known = this.slots[slot] as number;
      if (known < 0) return this.add(text.slice(a, b), hash, slot);
      const candidate = this.texts[known] as string;
      if (this.hashes[known] === hash && candidate.length === b - a && text.startsWith(candidate, a)) return known;
    }
  }

  private add(value: string, hash: number, slot: number): number {
    const index = this.texts.length;
    this.texts.push(value);
    this.hashes.push(hash);
    this.slots[slot] = index;
    if (this.texts.length * 2 > this.slots.length) {
      const slots = new Int32Array(this.slots.length * 2).fill(-1);
      const mask = slots.length - 1;
      this.hashes.forEach((h, i) => {
        let s = h & mask;
        while ((slots[s] as number) >= 0) s = (s + 1) & mask;
        slots[s] = i;
      });
      this.slots = slots;
    }
    return index;
  }
}

/** Whether the text between `a` and `b` is `expected`, without cutting it out. */
function isTextAt(text: string, a: number, b: number, expected: string): boolean {
  return b - a === expected.length && text.startsWith(expected, a);
}

/** The chosen units of an application line (RR 4/2017 art. 9 c.3: at most two). */
const CHOICES_PER_APPLICATION = 2;

/**
 * The rules' applications from the lines, in one pass and as columns: no object per application
 * (a call has 100,000 of them, and the assignment run must stay under a second: issue 3).
 */
export function parseApplicationLines(text: string, ctx: LineContext): ParsedLines {
  const order = ctx.order;
  const rankOf = new Map<string, number>();
  for (let i = 0; i < order.length; i++) rankOf.set(order[i] as string, i);
  if (rankOf.size !== order.length) throw new RangeError('Duplicated application id in the ranking order');
  let lineCount = text === '' ? 0 : 1;
  for (let at = text.indexOf(LINE_SEPARATOR); at >= 0; at = text.indexOf(LINE_SEPARATOR, at + 1)) lineCount++;
  // Ranked applications go to their rank, the others after the ranking.
  const capacity = order.length + lineCount;
  const ids = new Array<string>(capacity);
  const status = new Uint8Array(capacity);
  const membersCount = new Int32Array(capacity);
  const highestInvalidityPercent = new Int32Array(capacity);
  const indigent = new Uint8Array(capacity);
  const residence = new Int32Array(capacity);
  const reserveCategories = new Array<readonly string[]>(capacity);
  const choices = new Int32Array(capacity * CHOICES_PER_APPLICATION).fill(-1);
  // Comuni (by Belfiore code) and units (by code) are few and repeat on every line: each is read
  // in place and numbered, without cutting a string out of the text for each line.
  const comuneCodes = new TextIndex();
  const comuni: string[] = [];
  const unitCodes = new TextIndex();
  let candidates = 0;
  let unranked = 0;
  let ranked = 0;

  const fieldCount = APPLICATION_LINE_FIELDS.length;
  // Where each field of the current line starts and ends.
  const from = new Int32Array(fieldCount);
  const to = new Int32Array(fieldCount);
  let start = 0;
  for (let line = 0; line < lineCount; line++) {
    let end = text.indexOf(LINE_SEPARATOR, start);
    if (end < 0) end = text.length;
    let at = start;
    for (let k = 0; k < fieldCount; k++) {
      const stop = k === fieldCount - 1 ? end : text.indexOf(FIELD_SEPARATOR, at);
      if (stop < 0 || stop > end)
        throw unreadableLine(text.slice(start, end), `${k + 1} campi invece di ${fieldCount}`);
      from[k] = at;
      to[k] = stop;
      at = stop + 1;
    }
    const extra = text.indexOf(FIELD_SEPARATOR, from[fieldCount - 1]);
    if (extra >= 0 && extra < end) throw unreadableLine(text.slice(start, end), `più di ${fieldCount} campi`);

    const platformId = text.slice(start, to[0]);
    const rank = rankOf.get(platformId);
    let i: number;
    if (rank === undefined) {
      i = order.length + unranked++;
    } else {
      i = rank;
      if (ids[i] !== undefined) throw new RangeError(`Duplicated application id ${platformId}`);
      ranked++;
    }
    const held = ctx.held.size > 0 && ctx.held.has(platformId);
    if (rank !== undefined && !held) candidates++;
    ids[i] = platformId;
    // Holding a unit, or admitted after the ranking was computed: not available in this run.
    status[i] =
      held || rank === undefined
        ? 1
        : isTextAt(text, from[9] as number, to[9] as number, ADMITTED)
          ? 0
          : isTextAt(text, from[9] as number, to[9] as number, EXCLUDED)
            ? 1
            : 2;
    const members = integerAt(text, from[1] as number, to[1] as number);
    if (members < 1) throw unreadableLine(text.slice(start, end), 'componenti non validi');
    membersCount[i] = members;
    const invalidity = from[2] === to[2] ? -1 : integerAt(text, from[2] as number, to[2] as number);
    if (invalidity === INVALID_INTEGER) throw unreadableLine(text.slice(start, end), 'invalidità non valida');
    highestInvalidityPercent[i] = invalidity;
    // RR 4/2017 art. 13: indigence counts only with the social services' attestation.
    indigent[i] =
      isTextAt(text, from[3] as number, to[3] as number, '1') && isTextAt(text, from[4] as number, to[4] as number, '1')
        ? 1
        : 0;
    if (from[5] === to[5]) residence[i] = -1;
    else {
      const c = comuneCodes.indexOf(text, from[5] as number, to[5] as number);
      if (c === comuni.length) {
        const code = comuneCodes.texts[c] as string;
        const comune = ctx.comuneIdByCode.get(code);
        if (comune === undefined) throw unreadableLine(text.slice(start, end), `Comune ${code} sconosciuto`);
        comuni.push(comune);
      }
      residence[i] = c;
    }
    reserveCategories[i] = from[6] === to[6] ? NO_CATEGORIES : text.slice(from[6], to[6]).split(',').filter(Boolean);
    for (let k = 0; k < CHOICES_PER_APPLICATION; k++) {
      if (from[7 + k] === to[7 + k]) continue;
      const u = unitCodes.indexOf(text, from[7 + k] as number, to[7 + k] as number);
      choices[i * CHOICES_PER_APPLICATION + k] = u;
    }
    start = end + 1;
  }
  // Every ranked application has its line (the foreign keys keep them). When one is missing, the
  // columns are closed up and the rules say which one it is.
  let keep: number[] | null = null;
  if (ranked < order.length) {
    keep = [];
    for (let i = 0; i < order.length + unranked; i++) if (ids[i] !== undefined) keep.push(i);
  }
  const count = keep ? keep.length : order.length + unranked;
  const pick = <T extends Uint8Array | Int32Array>(column: T, width = 1): T => {
    if (!keep) return column.subarray(0, count * width) as T;
    const out = new (column.constructor as new (length: number) => T)(count * width);
    keep.forEach((from, to) => {
      for (let w = 0; w < width; w++) out[to * width + w] = column[from * width + w] as number;
    });
    return out;
  };
  const pickList = <T>(list: T[]): T[] => (keep ? keep.map((from) => list[from] as T) : list.slice(0, count));
  return {
    applications: {
      count,
      ids: pickList(ids),
      status: pick(status),
      membersCount: pick(membersCount),
      highestInvalidityPercent: pick(highestInvalidityPercent),
      indigent: pick(indigent),
      residence: pick(residence),
      comuni,
      reserveCategories: pickList(reserveCategories),
      choices: pick(choices, CHOICES_PER_APPLICATION),
      choiceStride: CHOICES_PER_APPLICATION,
      unitIds: unitCodes.texts,
    },
    candidates,
  };
}

/** Everything of a run's input but the applications, in the order it is stored. */
export interface SnapshotHeader {
  readonly rankingRunId: string;
  readonly rankingHash: string;
  readonly policy: string;
  readonly units: readonly AssignmentUnit[];
  readonly quotas: AssignmentSnapshot['quotas'];
  readonly refusals: readonly Refusal[];
  readonly held: readonly string[];
  /** Comune ids by the Belfiore codes the lines name them by. */
  readonly comuni: Readonly<Record<string, string>>;
}

/**
 * The snapshot text of a new run (its header, then the application lines as read) and its hash,
 * computed part by part: the same as snapshotHash(text), without first copying 13 MB into one string.
 */
export function encodeAssignmentSnapshot(header: SnapshotHeader, lines: string): { text: string; hash: string } {
  const comuni: Record<string, string> = {};
  for (const code of Object.keys(header.comuni).sort()) comuni[code] = header.comuni[code] as string;
  const head = {
    format: 3,
    rankingRunId: header.rankingRunId,
    rankingHash: header.rankingHash,
    policy: header.policy,
    units: header.units.map((u) => ({
      id: u.id,
      ownerId: u.ownerId,
      ownerKind: u.ownerKind,
      comune: u.comune,
      usableAreaDm2: u.usableAreaDm2,
      accessible: u.accessible,
      reserveCategory: u.reserveCategory,
    })),
    // Built by computeCallQuotas (core/sap/quotas.ts) with its keys always in the same order.
    quotas: header.quotas,
    refusals: header.refusals.map((r) => ({
      applicationId: r.applicationId,
      unitId: r.unitId,
      justified: r.justified,
    })),
    held: header.held,
    comuni,
  };
  const first = JSON.stringify(head);
  const hash = createHash('sha256').update(first).update('\n').update(lines).digest('hex');
  return { text: `${first}\n${lines}`, hash: `sha256:${hash}` };
}

/** The ranking run a snapshot was made from, read without its applications. */
export function snapshotRankingRunId(text: string): string {
  const newline = text.indexOf('\n');
  const head = JSON.parse(newline < 0 ? text : text.slice(0, newline)) as { rankingRunId: string };
  return head.rankingRunId;
}

/**
 * The input a stored run was made with. Format 3 needs the ranking run's order (`ranked`) to tell
 * which applications were in it; the older formats stored each application's status.
 */
export function decodeAssignmentSnapshot(text: string, order: readonly string[]): AssignmentSnapshot {
  const newline = text.indexOf('\n');
  if (newline >= 0) {
    const head = JSON.parse(text.slice(0, newline)) as SnapshotHeader & { format: number };
    if (head.format !== 3) throw new RangeError(`Unknown assignment snapshot format ${String(head.format)}`);
    const { applications } = parseApplicationLines(text.slice(newline + 1), {
      comuneIdByCode: new Map(Object.entries(head.comuni)),
      held: new Set(head.held),
      order,
    });
    return {
      rankingRunId: head.rankingRunId,
      rankingHash: head.rankingHash,
      policy: head.policy,
      units: head.units,
      quotas: head.quotas,
      refusals: head.refusals,
      held: head.held,
      applications,
    };
  }
  const parsed = JSON.parse(text) as Partial<SnapshotV2> & Partial<AssignmentSnapshot>;
  if (parsed.format === 2) {
    const v2 = parsed as SnapshotV2;
    return {
      rankingRunId: v2.rankingRunId,
      rankingHash: v2.rankingHash,
      policy: v2.policy,
      units: v2.units,
      quotas: v2.quotas,
      refusals: v2.refusals,
      held: v2.held,
      applications: v2.applications.map(
        ([
          id,
          status,
          membersCount,
          highestInvalidityPercent,
          indigent,
          residenceComune,
          reserveCategories,
          unitIds,
        ]) => ({
          id,
          status: LETTER_STATUS[status],
          membersCount,
          highestInvalidityPercent,
          indigent: indigent === 1,
          residenceComune: residenceComune === null ? null : (v2.strings[residenceComune] as string),
          reserveCategories: reserveCategories.map((i) => v2.strings[i] as string),
          unitIds: unitIds.map((i) => v2.strings[i] as string),
        }),
      ),
    };
  }
  // Format 1: the objects as the rules take them, in canonical JSON; its runs stored their outcomes.
  const v1 = parsed as Omit<AssignmentSnapshot, 'held'>;
  return { ...v1, held: [] };
}

/** The hash of a snapshot text, in the algorithm its format uses (SHA-256 from format 2 on). */
export function snapshotHash(text: string, format: 1 | 2 | 3 = 3): string {
  return format !== 1 ? `sha256:${createHash('sha256').update(text).digest('hex')}` : fnv1a64Hex(text);
}

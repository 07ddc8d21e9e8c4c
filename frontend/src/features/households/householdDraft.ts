// The household form's drafts (what the fields hold, as text) and how they become the API's
// inputs; the server's field problems keyed by the form's own field names.
import type { Cause, DibaoClass, Relation, Sex, Tier } from '../../app/enums';
import type {
  CreateHouseholdInput,
  MemberInput,
  UpdateHouseholdInput,
  UpdatePersonInput,
} from '../../graphql/graphql';

export interface MemberDraft {
  name: string;
  idNumber: string;
  relation: Relation | '';
  sex: Sex | '';
  birthDate: string;
  disabilityGrade: string;
  chronicIllness: boolean;
  seriousIllness: boolean;
  canWork: boolean;
  livesAway: boolean;
}

export interface HouseholdDraft {
  townshipId: string;
  villageId: string;
  tier: Tier | '';
  dibaoClass: DibaoClass | '';
  causes: Cause[];
  income: string;
  lat: string;
  lon: string;
  address: string;
  phone: string;
  nextReviewDue: string;
}

/** A problem the server (or the form) found, to be worded by its code. */
export interface Problem {
  code: string;
  params?: ReadonlyArray<{ name: string; value?: string | null }>;
}

export type Problems = Record<string, Problem>;

export function emptyMember(relation: Relation | '' = ''): MemberDraft {
  return {
    name: '',
    idNumber: '',
    relation,
    sex: '',
    birthDate: '',
    disabilityGrade: '',
    chronicIllness: false,
    seriousIllness: false,
    canWork: false,
    livesAway: false,
  };
}

export function emptyHousehold(): HouseholdDraft {
  return {
    townshipId: '',
    villageId: '',
    tier: '',
    dibaoClass: '',
    causes: [],
    income: '',
    lat: '',
    lon: '',
    address: '',
    phone: '',
    nextReviewDue: '',
  };
}

/** "12.5" → 12.5; empty or not a number → null (the form says which). */
export function parseNumber(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

/** What the browser can tell before sending: required fields and numbers that are not numbers. */
export function checkHousehold(d: HouseholdDraft): Problems {
  const out: Problems = {};
  if (!d.villageId) out.villageId = { code: 'MISSING_VALUE' };
  if (!d.tier) out.tier = { code: 'MISSING_VALUE' };
  for (const [field, text] of [
    ['monthlyIncomePerPerson', d.income],
    ['lat', d.lat],
    ['lon', d.lon],
  ] as const) {
    if (text.trim() === '') out[field] = { code: 'MISSING_VALUE' };
    else if (parseNumber(text) === null) out[field] = { code: 'INVALID_FORMAT' };
  }
  if (!d.address.trim()) out.address = { code: 'MISSING_VALUE' };
  return out;
}

export function checkMember(m: MemberDraft, prefix: string): Problems {
  const out: Problems = {};
  if (!m.name.trim()) out[`${prefix}name`] = { code: 'MISSING_VALUE' };
  if (!m.idNumber.trim()) out[`${prefix}idNumber`] = { code: 'MISSING_VALUE' };
  if (!m.relation) out[`${prefix}relation`] = { code: 'MISSING_VALUE' };
  if (m.disabilityGrade !== '' && parseNumber(m.disabilityGrade) === null) {
    out[`${prefix}disabilityGrade`] = { code: 'INVALID_FORMAT' };
  }
  return out;
}

export function toMemberInput(m: MemberDraft): MemberInput {
  const grade = parseNumber(m.disabilityGrade);
  return {
    name: m.name.trim(),
    idNumber: m.idNumber.trim().toUpperCase(),
    relation: m.relation as Relation,
    sex: m.sex || null,
    birthDate: m.birthDate || null,
    disabilityGrade: grade,
    chronicIllness: m.chronicIllness,
    seriousIllness: m.seriousIllness,
    canWork: m.canWork,
    livesAway: m.livesAway,
  };
}

export function toCreateInput(d: HouseholdDraft, members: MemberDraft[]): CreateHouseholdInput {
  return {
    villageId: d.villageId,
    tier: d.tier as Tier,
    dibaoClass: d.dibaoClass || null,
    causes: d.causes,
    monthlyIncomePerPerson: parseNumber(d.income) ?? 0,
    lat: parseNumber(d.lat) ?? 0,
    lon: parseNumber(d.lon) ?? 0,
    address: d.address.trim(),
    phone: d.phone.trim() || null,
    nextReviewDue: d.nextReviewDue || null,
    members: members.map(toMemberInput),
  };
}

/** The household's own fields as an update; the server checks them as a whole record. */
export function toUpdateInput(id: string, version: number, d: HouseholdDraft): UpdateHouseholdInput {
  return {
    id,
    expectedVersion: version,
    villageId: d.villageId,
    tier: (d.tier || null) as Tier | null,
    dibaoClass: d.dibaoClass || null,
    causes: d.causes,
    monthlyIncomePerPerson: parseNumber(d.income),
    lat: parseNumber(d.lat),
    lon: parseNumber(d.lon),
    address: d.address.trim(),
    phone: d.phone.trim() || null,
    nextReviewDue: d.nextReviewDue || null,
  };
}

/** A member's changed fields only, so an unchanged ID number is not checked again. */
export function toPersonPatch(id: string, version: number, before: MemberDraft, after: MemberDraft): UpdatePersonInput {
  const patch: UpdatePersonInput = { id, expectedVersion: version };
  const input = toMemberInput(after);
  if (after.name !== before.name) patch.name = input.name;
  if (after.idNumber !== before.idNumber) patch.idNumber = input.idNumber;
  if (after.relation !== before.relation) patch.relation = input.relation;
  if (after.sex !== before.sex && after.sex) patch.sex = after.sex;
  if (after.birthDate !== before.birthDate && after.birthDate) patch.birthDate = after.birthDate;
  if (after.disabilityGrade !== before.disabilityGrade) patch.disabilityGrade = input.disabilityGrade;
  for (const flag of ['chronicIllness', 'seriousIllness', 'canWork', 'livesAway'] as const) {
    if (after[flag] !== before[flag]) patch[flag] = after[flag];
  }
  return patch;
}

/**
 * The server's problems keyed by the form's field names: an `input.` prefix is dropped, then
 * `rename` maps the API's path to the form's (e.g. an updatePerson `idNumber` to
 * `member.idNumber`); the first problem of a field is kept.
 */
export function serverProblems(
  errors: ReadonlyArray<{ field: string; code: string; params?: Problem['params'] }>,
  rename: (field: string) => string = (field) => field,
): Problems {
  const out: Problems = {};
  for (const e of errors) {
    const field = rename(e.field.replace(/^input\./, ''));
    out[field] ??= { code: e.code, params: e.params };
  }
  return out;
}

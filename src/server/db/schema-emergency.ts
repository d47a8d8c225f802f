// Row types of the tables of evictions, temporary housing, accompaniment plans, partner network (issue 5). Same conventions as schema.ts.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled as the area's tables land
export interface EmergencyTables {}

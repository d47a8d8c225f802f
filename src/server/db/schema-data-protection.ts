// Row types of the tables of data-protection duties, jobs, idempotency (issue 7). Same conventions as schema.ts.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled as the area's tables land
export interface DataProtectionTables {}

// Row types of the tables of front desk, measures, funds and payments (issue 4). Same conventions as schema.ts.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled as the area's tables land
export interface MeasuresTables {}

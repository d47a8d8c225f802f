// Row types of the tables of communications, citizen portal, observatory (issue 6). Same conventions as schema.ts.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled as the area's tables land
export interface CommunicationsTables {}

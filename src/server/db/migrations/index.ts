// Every migration, in order. Add new ones at the end with a timestamped name; never edit old ones.
import type { Migration } from 'kysely';
import * as m202611261300 from './202611261300_foundation.js';
import * as m202611261400 from './202611261400_public-housing.js';

export const migrations: Record<string, Migration> = {
  '202611261300_foundation': m202611261300,
  '202611261400_public-housing': m202611261400,
};

// Every migration, in order. Add new ones at the end with a timestamped name; never edit old ones.
import type { Migration } from 'kysely';
import * as m202611261300 from './202611261300_foundation.js';
import * as m202611261400 from './202611261400_public-housing.js';
import * as m202611261450 from './202611261450_sap-performance.js';
import * as m202611261500 from './202611261500_measures.js';
import * as m202611261510 from './202611261510_emergency.js';
import * as m202611261520 from './202611261520_communications.js';
import * as m202611261530 from './202611261530_data-protection.js';
import * as m202611262100 from './202611262100_assignment-inputs.js';
import * as m202611262110 from './202611262110_outbox-resolution.js';
import * as m202611270000 from './202611270000_emergency-settings.js';

export const migrations: Record<string, Migration> = {
  '202611261300_foundation': m202611261300,
  '202611261400_public-housing': m202611261400,
  '202611261450_sap-performance': m202611261450,
  '202611261500_measures': m202611261500,
  '202611261510_emergency': m202611261510,
  '202611261520_communications': m202611261520,
  '202611261530_data-protection': m202611261530,
  '202611262100_assignment-inputs': m202611262100,
  '202611262110_outbox-resolution': m202611262110,
  '202611270000_emergency-settings': m202611270000,
};

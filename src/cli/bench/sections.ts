// The benchmark sections beyond public housing (bench/index.ts), one file per area, run in this order.
// A section builds its own data (bench-db.ts gives it a fresh migrated database per dialect) and
// returns its rows; it prints progress on stderr only.
import type { AppConfig } from '../../server/config.js';
import type { BenchRow } from './table.js';
import { httpLoadSection } from './http-load.js';
import { measuresSection } from './measures.js';
import { observatorySection } from './observatory.js';

export interface BenchSectionContext {
  readonly config: AppConfig;
  readonly dialects: readonly ('sqlite' | 'postgres')[];
}

export interface BenchSection {
  readonly name: string;
  readonly run: (ctx: BenchSectionContext) => Promise<BenchRow[]>;
}

export const BENCH_SECTIONS: readonly BenchSection[] = [
  // Issue 7: HTTP load on the household file, the ranking page and the screening, next to bare Fastify.
  httpLoadSection(),
  // Issue 4: screening against 50 measures and calls; a payment batch of 10,000 grants.
  measuresSection(),
  // Issue 6: observatory dashboards over 1,000,000 events of ten years (< 300 ms each); XLSX of 100,000 rows (< 300 MB).
  observatorySection(),
];

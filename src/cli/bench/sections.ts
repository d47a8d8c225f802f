// The benchmark sections beyond public housing (bench/index.ts), one file per area, run in this order.
// A section builds its own data (bench-db.ts gives it a fresh migrated database per dialect) and
// returns its rows; it prints progress on stderr only.
import type { AppConfig } from '../../server/config.js';
import type { BenchRow } from './table.js';

export interface BenchSectionContext {
  readonly config: AppConfig;
  readonly dialects: readonly ('sqlite' | 'postgres')[];
}

export interface BenchSection {
  readonly name: string;
  readonly run: (ctx: BenchSectionContext) => Promise<BenchRow[]>;
}

export const BENCH_SECTIONS: readonly BenchSection[] = [];

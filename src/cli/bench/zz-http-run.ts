import { loadConfig } from '../../server/config.js';
import { httpLoadSection } from './http-load.js';
const rows = await httpLoadSection().run({ config: loadConfig({ ABITARE_LOG_LEVEL: 'silent' }), dialects: ['sqlite', 'postgres'] });
for (const r of rows) console.log(`| ${r.dialect} | ${r.figure} | ${r.value} | ${r.baseline} | ${r.ratio} |`);

import { importOptions, runImport } from './main/corpus/pipeline';
import { wordTokenizer } from './main/corpus/tokenize/word-tokenizer';
const workers = Number(process.argv[2]);
const src = process.argv[3]!;
const r = await runImport(importOptions({ paths: [src], outDir: `/tmp/c1/mem-${workers}-${process.pid}`, tokenizer: wordTokenizer(), pii: { mode: 'redact', allow: [] }, workers }));
console.log('workers', workers, 'docs', r.documents.in, 'maxRSS MB', Math.round(process.resourceUsage().maxRSS / 1024), 'rss now', Math.round(process.memoryUsage().rss / 1e6), 'heap', Math.round(process.memoryUsage().heapUsed / 1e6));

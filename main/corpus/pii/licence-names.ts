// Names of software and content licences, as licence files and contracts cite them ("GPL-2+", "Apache-2.0",
// "BSD-3-clause", "CC-BY-SA-4.0"): the SPDX License List's identifiers (spdx-license-ids, current and deprecated),
// and any name made of one of their families' words, a version and a variant.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const IDS: readonly string[] = [...(require('spdx-license-ids') as string[]), ...(require('spdx-license-ids/deprecated.json') as string[])];
const EXACT: ReadonlySet<string> = new Set(IDS.map((id) => id.toLowerCase()));
// A licence family: the letters an identifier opens with, two at least ("GPL" of "GPL-2.0-only", "CC" of "CC-BY-4.0",
// "bzip" of "bzip2-1.0.6"); "X" of "X11" is too short to tell a licence by.
const FAMILIES: ReadonlySet<string> = new Set(
  IDS.map((id) => /^[A-Za-z]+/.exec(id)?.[0].toLowerCase() ?? '').filter((family) => family.length >= 2),
);
// A family's letters, more words maybe ("CC-BY-SA"), a version of one or two digits a part ("2", "2.1", "1.0.6", "v3"),
// then "+" or a variant ("-or-later", "-clause-California", "-with-GPL2-LGPL2-Exception").
const VERSIONED_RE = /^([A-Za-z]{2,})(?:-[A-Za-z]+)*-?v?\d{1,2}(?:[.-]\d{1,2}){0,3}(?:\+|[-.][A-Za-z][A-Za-z0-9.+-]*)?$/;

/**
 * Whether `value` names a licence: an SPDX identifier, a family's name with a version and a variant ("GPL-2+",
 * "BSD-3-clause-regents", "LGPL-2.1-or-later"), or several of them between "/" ("MIT/X11"). Not an id whose letters
 * are a licence's by chance but whose number is no version ("NPL-PP-032", "CC-48817").
 */
export function isLicenceName(value: string): boolean {
  if (value.includes('/')) return value.split('/').every((part) => part.length > 0 && isLicenceName(part));
  const name = value.replace(/\+$/, '').toLowerCase();
  if (EXACT.has(name)) return true;
  const m = VERSIONED_RE.exec(value);
  return m !== null && FAMILIES.has((m[1] as string).toLowerCase());
}

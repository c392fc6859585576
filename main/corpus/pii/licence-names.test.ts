import { describe, expect, it } from 'vitest';
import { isLicenceName } from './licence-names';

describe('licence names', () => {
  it('knows SPDX identifiers, current and deprecated, in any case, with "+"', () => {
    for (const name of ['Apache-2.0', 'GPL-2.0-only', 'GPL-2.0', 'gpl-2.0+', '0BSD', 'X11', 'CC0-1.0', 'Spencer-86', 'bzip2-1.0.6']) {
      expect(isLicenceName(name), name).toBe(true);
    }
  });

  it('knows a family\'s name with a version and a variant, and names joined by "/"', () => {
    for (const name of ['GPL-2', 'GPL-2+', 'LGPL-2.1-or-later', 'BSD-3-clause-regents', 'BSD-2-Clause-netbsd', 'CC-BY-SA-3.0', 'GFDL-NIV-1.3', 'APACHE-2-LLVM-EXCEPTIONS', 'MIT/X11']) {
      expect(isLicenceName(name), name).toBe(true);
    }
  });

  it('takes no id for a licence because its letters are a family\'s', () => {
    for (const name of ['NPL-PP-032', 'CC-48817', 'MIT-4471029', 'D4418207', 'RN-2231987', 'X-12', 'GPL-', 'MIT/', '/X11']) {
      expect(isLicenceName(name), name).toBe(false);
    }
  });
});

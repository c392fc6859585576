// `export.*`, `bundle.*`, `keys.*`: start an export job, list exports, verify and import a colleague's
// .dsbundle, and show or manage the workspace's signing key and trusted keys. Heavy modules (zip,
// engine) load inside the methods, so importing this file costs nothing at startup.
import { resolve } from 'node:path';
import { type Api } from '../common/contract';
import type { KeysDto } from '../common/dto';
import { StudioError } from '../common/errors';
import { validateRequest } from '../common/validate';
import { listExports } from '../store/queries/exports';
import { type ServicesContext } from './context';

type ExportMethods = 'export.start' | 'export.plan' | 'export.list' | 'bundle.verify' | 'bundle.import' | 'keys.fingerprint' | 'keys.trust' | 'keys.untrust';

async function keysDto(workspace: string): Promise<KeysDto> {
  const { listTrustedKeys, loadOrCreateSigningKey } = await import('../export/bundle/keys');
  const key = loadOrCreateSigningKey(workspace);
  return { fingerprint: key.fingerprint, public_key: key.publicKeyBase64, trusted: listTrustedKeys(workspace) };
}

export function exportServices(ctx: ServicesContext): Pick<Api, ExportMethods> {
  return {
    async 'export.start'(request) {
      const req = validateRequest('export.start', request);
      // Clear errors now rather than from the job: the source exists, can give each format, passed its audit.
      const { auditBlock, resolveSource, unavailable } = await import('../export/source');
      const source = resolveSource(req, ctx.db, ctx.workspace);
      const problems = req.formats.map((f) => [f, unavailable(f, source)] as const).filter(([, p]) => p !== null);
      if (problems.length) throw new StudioError('unsupported', problems.map(([f, p]) => `${f}: ${p}`).join('; '), { field: 'formats' });
      const blocked = auditBlock(source);
      if (blocked) throw new StudioError('conflict', blocked);
      return ctx.supervisor.start('export', { ...req, ...(req.out === undefined ? {} : { out: resolve(req.out) }) });
    },

    async 'export.plan'(request) {
      const req = validateRequest('export.plan', request);
      const { planExport } = await import('../export/source');
      return planExport(req, ctx.db, ctx.workspace);
    },

    async 'export.list'(request) {
      const req = validateRequest('export.list', request);
      return listExports(ctx.db, { run_id: req.run, model_id: req.model });
    },

    async 'bundle.verify'(request) {
      const req = validateRequest('bundle.verify', request);
      const { verifyBundle } = await import('../export/bundle/verify');
      return verifyBundle(resolve(req.file), ctx.workspace);
    },

    async 'bundle.import'(request) {
      const req = validateRequest('bundle.import', request);
      const { importBundle } = await import('../export/bundle/import');
      return importBundle(resolve(req.file), ctx.workspace, ctx.db, { name: req.name, trust: req.trust });
    },

    async 'keys.fingerprint'(request) {
      validateRequest('keys.fingerprint', request);
      return keysDto(ctx.workspace);
    },

    async 'keys.trust'(request) {
      const req = validateRequest('keys.trust', request);
      const { trustKey } = await import('../export/bundle/keys');
      trustKey(ctx.workspace, req.fingerprint, req.label);
      return keysDto(ctx.workspace);
    },

    async 'keys.untrust'(request) {
      const req = validateRequest('keys.untrust', request);
      const { untrustKey, normalizeFingerprint } = await import('../export/bundle/keys');
      if (!untrustKey(ctx.workspace, req.fingerprint)) {
        throw new StudioError('not_found', `Key ${normalizeFingerprint(req.fingerprint)} is not on this workspace's trusted list.`, { field: 'fingerprint' });
      }
      return keysDto(ctx.workspace);
    },
  };
}

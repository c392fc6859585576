// Job messages: well-formed messages pass, anything else is refused with a reason.
import { describe, expect, it } from 'vitest';
import { finiteCounters, parseChildMessage, parseParentMessage } from './messages';

describe('job messages', () => {
  it('accepts each well-formed message', () => {
    expect(parseParentMessage({ type: 'start', job_id: 1, kind: 'workspace.check', params: {}, workspace: '/w' }).ok).toBe(true);
    expect(parseParentMessage({ type: 'cancel' }).ok).toBe(true);
    expect(parseChildMessage({ type: 'progress', progress: null, message: 'Listing', counters: { files: 2 } }).ok).toBe(true);
    expect(parseChildMessage({ type: 'log', level: 'warn', message: 'hm' }).ok).toBe(true);
    expect(parseChildMessage({ type: 'done', result: { files: 1 } }).ok).toBe(true);
    expect(parseChildMessage({ type: 'error', error: { code: 'cancelled', message: 'Cancelled.' } }).ok).toBe(true);
  });

  it('refuses malformed messages with the offending field', () => {
    expect(parseParentMessage({ type: 'start', job_id: -1, kind: 'x', workspace: '/w' })).toMatchObject({ ok: false, reason: expect.stringMatching(/job_id/) });
    expect(parseChildMessage({ type: 'progress', progress: 1.5, message: '', counters: {} })).toMatchObject({ ok: false, reason: expect.stringMatching(/progress/) });
    expect(parseChildMessage({ type: 'error', error: { code: 'no_such_code', message: 'x' } })).toMatchObject({ ok: false, reason: expect.stringMatching(/error\.code/) });
    expect(parseChildMessage({ type: 'explode' }).ok).toBe(false);
    expect(parseChildMessage('done').ok).toBe(false);
    expect(parseChildMessage(null).ok).toBe(false);
  });

  it('drops counters that JSON cannot carry instead of losing the whole message', () => {
    expect(finiteCounters({ files: 3, mb_per_s: Infinity, eta_s: Number.NaN })).toEqual({ files: 3 });
  });
});

import { access, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepUploads } from '../../services/worker/src/sweep-uploads.ts';
import { unique } from '../support/district.ts';
import { PDF, openDistrict, type E2eDistrict } from './e2e-district.ts';

const ATTACHMENTS_DIR = `.data/test-attachments/sweep-${unique()}`;
let t: E2eDistrict;

beforeAll(async () => {
  t = await openDistrict({ ATTACHMENTS_DIR });
});
afterAll(async () => {
  await t.close();
  await rm(ATTACHMENTS_DIR, { recursive: true, force: true });
});

const exists = (key: string) =>
  access(join(ATTACHMENTS_DIR, key)).then(
    () => true,
    () => false,
  );
const row = (id: string) => t.api.db.selectFrom('attachments').select(['id', 'storage_key', 'issue_id']).where('id', '=', id).executeTakeFirst();

describe('the sweep of unattached uploads', () => {
  it('removes an upload never attached once it is older than the limit, row and file, and keeps attached ones', async () => {
    const kept = (await t.upload('entA', '营业执照.pdf', PDF)).json() as { id: string };
    const orphan = (await t.upload('entA', '草稿.pdf', PDF)).json() as { id: string };
    const fresh = (await t.upload('entA', '刚传的.pdf', PDF)).json() as { id: string };
    await t.file('entA', { title: `带附件的诉求-${unique()}`, attachmentIds: [kept.id] });
    const orphanKey = (await row(orphan.id))!.storage_key;
    const keptKey = (await row(kept.id))!.storage_key;
    // Only the two older uploads are past a limit that the fresh one has not reached.
    await t.api.db
      .updateTable('attachments')
      .set({ created_at: new Date(Date.now() - 2 * 3600_000) })
      .where('id', 'in', [kept.id, orphan.id])
      .execute();

    const swept = await sweepUploads(t.api.db, ATTACHMENTS_DIR, new Date(), 3600_000);

    expect(swept).toBeGreaterThanOrEqual(1);
    expect(await row(orphan.id)).toBeUndefined();
    expect(await exists(orphanKey)).toBe(false);
    expect((await row(kept.id))?.issue_id).not.toBeNull();
    expect(await exists(keptKey)).toBe(true);
    expect(await row(fresh.id)).toBeDefined();
  });

  it('leaves a swept upload unusable: filing with it is refused with the field named', async () => {
    const late = (await t.upload('entA', '迟到的.pdf', PDF)).json() as { id: string };
    await t.api.db
      .updateTable('attachments')
      .set({ created_at: new Date(Date.now() - 2 * 3600_000) })
      .where('id', '=', late.id)
      .execute();
    await sweepUploads(t.api.db, ATTACHMENTS_DIR, new Date(), 3600_000);
    const res = await t.fileRaw('entA', { title: `迟到附件-${unique()}`, attachmentIds: [late.id] });
    expect(res.statusCode).toBe(422); // an unknown reference, as for any id that names nothing
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain('attachmentIds');
  });
});

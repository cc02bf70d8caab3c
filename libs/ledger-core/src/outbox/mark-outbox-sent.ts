// Marks outbox rows as published to the callback topic. Idempotent: a row marked twice (the
// post-commit publish and a sweep raced for it) keeps its first sent_at.
import type { Queryable } from '../database/port.ts';

const markOutboxSentSql = `
  update flow.outbox set sent_at = now()
  where id = any($1::bigint[]) and sent_at is null`;

export async function markOutboxSent(db: Queryable, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.query(markOutboxSentSql, [ids]);
}

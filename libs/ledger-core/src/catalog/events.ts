// The event catalog (códigos de histórico): which entry codes exist and which sides they allow.
import type { Queryable } from '../database/port.ts';
import { pageLimitDefault, pageLimitMax } from '../limits.ts';

export interface EventDefinition {
  readonly code: number;
  readonly description: string;
  readonly active: boolean;
  readonly allowDebit: boolean;
  readonly allowCredit: boolean;
}

export interface StoredEvent extends EventDefinition {
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

const eventColumns = `code, description, active, allow_debit as "allowDebit", allow_credit as "allowCredit",
  created_at as "createdAt", updated_at as "updatedAt"`;

/** Creates the event; returns null when the code already exists. */
export async function createEvent(db: Queryable, event: EventDefinition): Promise<StoredEvent | null> {
  const { rows } = await db.query<StoredEvent>(
    `insert into flow.event (code, description, active, allow_debit, allow_credit)
     values ($1, $2, $3, $4, $5)
     on conflict (code) do nothing
     returning ${eventColumns}`,
    [event.code, event.description, event.active, event.allowDebit, event.allowCredit]);
  return rows[0] ?? null;
}

/** Changes the given fields of an event; returns null when the code does not exist. */
export async function updateEvent(
  db: Queryable, code: number, changes: Partial<Omit<EventDefinition, 'code'>>,
): Promise<StoredEvent | null> {
  const { rows } = await db.query<StoredEvent>(
    `update flow.event set
       description = coalesce($2, description), active = coalesce($3, active),
       allow_debit = coalesce($4, allow_debit), allow_credit = coalesce($5, allow_credit), updated_at = now()
     where code = $1
     returning ${eventColumns}`,
    [code, changes.description ?? null, changes.active ?? null, changes.allowDebit ?? null, changes.allowCredit ?? null]);
  return rows[0] ?? null;
}

export async function findEvent(db: Queryable, code: number): Promise<StoredEvent | null> {
  const { rows } = await db.query<StoredEvent>(`select ${eventColumns} from flow.event where code = $1`, [code]);
  return rows[0] ?? null;
}

/** Events by ascending code, after `afterCode`. */
export async function listEvents(db: Queryable, page: { limit?: number; afterCode?: number } = {}): Promise<StoredEvent[]> {
  // One row past a full page is allowed, so a caller can look ahead for a next page.
  const limit = Math.min(page.limit ?? pageLimitDefault, pageLimitMax + 1);
  const { rows } = await db.query<StoredEvent>(
    `select ${eventColumns} from flow.event where code > $1 order by code limit $2`, [page.afterCode ?? 0, limit]);
  return rows;
}

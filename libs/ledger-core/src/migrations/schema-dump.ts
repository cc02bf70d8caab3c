// The schema as readable text, from the catalogs of a migrated database: every table of the
// Flow schemas with its columns, constraints and indexes, the sequences and functions, and the
// grants of the Flow roles. `libs/ledger-core/schema.txt` is this text, committed; a test compares
// it with a freshly migrated database (PGlite and PostgreSQL give the same text), so every schema
// change shows in review as a diff of that file. `npm run schema:dump` rewrites it.
// Monthly partitions of flow.transaction are left out: which exist depends on the date.
import { join } from 'node:path';
import type { Queryable } from '../database/port.ts';

export const schemaDumpPath = join(import.meta.dirname, '..', '..', 'schema.txt');

const schemas = `('flow', 'flow_migration')`;

const tablesSql = `
  select n.nspname || '.' || c.relname as name, c.relkind::text as kind, c.oid::bigint::text as oid
  from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  where n.nspname in ${schemas} and c.relkind in ('r', 'p') and not c.relispartition
  order by 1`;

const columnsSql = `
  select a.attname as name, pg_catalog.format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as not_null,
         pg_catalog.pg_get_expr(d.adbin, d.adrelid) as default_value
  from pg_catalog.pg_attribute a left join pg_catalog.pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
  where a.attrelid = $1::oid and a.attnum > 0 and not a.attisdropped
  order by a.attnum`;

const constraintsSql = `
  select conname as name, pg_catalog.pg_get_constraintdef(oid) as definition
  from pg_catalog.pg_constraint where conrelid = $1::oid and contype <> 'n' order by conname`;

const indexesSql = `
  select pg_catalog.pg_get_indexdef(i.indexrelid) as definition
  from pg_catalog.pg_index i join pg_catalog.pg_class c on c.oid = i.indexrelid
  where i.indrelid = $1::oid order by c.relname`;

const sequencesSql = `
  select n.nspname || '.' || c.relname as name
  from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  where n.nspname in ${schemas} and c.relkind = 'S' order by 1`;

const functionsSql = `
  select n.nspname || '.' || p.proname || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')' as name,
         pg_catalog.pg_get_function_result(p.oid) as result, p.prosecdef as security_definer,
         coalesce(array_to_string(p.proconfig, ', '), '') as settings
  from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace
  where n.nspname in ${schemas} order by 1`;

const grantsSql = `
  select grantee, table_schema || '.' || table_name as name, string_agg(privilege_type, ', ' order by privilege_type) as privileges
  from information_schema.role_table_grants
  where grantee like 'flow\\_%' and table_schema in ${schemas}
    and table_name not in (select c.relname from pg_catalog.pg_class c where c.relispartition)
  group by grantee, table_schema, table_name order by grantee, name`;

const routineGrantsSql = `
  select grantee, routine_schema || '.' || routine_name as name
  from information_schema.role_routine_grants
  where grantee like 'flow\\_%' and routine_schema in ${schemas} order by grantee, name`;

type Rows = Record<string, string | boolean | null>[];

async function rows(db: Queryable, sql: string, params: readonly unknown[] = []): Promise<Rows> {
  return (await db.query<Record<string, string | boolean | null>>(sql, params)).rows;
}

async function tableText(db: Queryable, table: Record<string, string | boolean | null>): Promise<string[]> {
  const oid = [table.oid];
  const lines = [`table ${String(table.name)}${table.kind === 'p' ? ' (partitioned)' : ''}`];
  for (const column of await rows(db, columnsSql, oid)) {
    const notNull = column.not_null === true ? ' not null' : '';
    const fallback = column.default_value === null ? '' : ` default ${String(column.default_value)}`;
    lines.push(`  ${String(column.name)} ${String(column.type)}${notNull}${fallback}`);
  }
  for (const constraint of await rows(db, constraintsSql, oid)) lines.push(`  constraint ${String(constraint.name)} ${String(constraint.definition)}`);
  for (const index of await rows(db, indexesSql, oid)) lines.push(`  ${String(index.definition)}`);
  return lines;
}

/** The schema of `db` as the text `schema.txt` holds. */
export async function dumpSchema(db: Queryable): Promise<string> {
  const lines: string[] = ['# The Flow schema after every migration (npm run schema:dump writes this file; a test compares it).', ''];
  for (const table of await rows(db, tablesSql)) lines.push(...await tableText(db, table), '');
  for (const sequence of await rows(db, sequencesSql)) lines.push(`sequence ${String(sequence.name)}`);
  for (const routine of await rows(db, functionsSql)) {
    const definer = routine.security_definer === true ? ' security definer' : '';
    const settings = routine.settings === '' ? '' : ` set ${String(routine.settings)}`;
    lines.push(`function ${String(routine.name)} returns ${String(routine.result)}${definer}${settings}`);
  }
  lines.push('');
  for (const grant of await rows(db, grantsSql)) lines.push(`grant ${String(grant.privileges)} on ${String(grant.name)} to ${String(grant.grantee)}`);
  for (const grant of await rows(db, routineGrantsSql)) lines.push(`grant execute on function ${String(grant.name)} to ${String(grant.grantee)}`);
  return `${lines.join('\n')}\n`;
}

-- Least privilege. Three group roles (NOLOGIN), one per kind of connection:
--   flow_reader   the query API's ledger reads: SELECT only, on every ledger table;
--   flow_catalog  the query API's catalog admin: reads and writes events and accounts, nothing else;
--   flow_worker   the ledger worker: writes transactions, balances, postings and the outbox, reads
--                 events, opens accounts (auto-open) without changing them, and creates monthly
--                 partitions only through the function below.
-- An operator creates one login per service and grants it its group role (the README's
-- Operations, "Database roles"; infra/cloudformation/README.md on RDS). Migrations keep running
-- as the schema owner.
--
-- Roles are server-wide, not per database, and several databases of one server migrate at once
-- (the test suites create them in parallel): each role is created only when missing, and a
-- concurrent creator's duplicate_object (or the unique index it races on) is tolerated. The
-- advisory lock serialises migrators of this database; the exception handler covers the others.
select pg_advisory_xact_lock(hashtextextended('flow.roles', 0));

do $roles$
declare
  role_name text;
begin
  foreach role_name in array array['flow_reader', 'flow_catalog', 'flow_worker'] loop
    if not exists (select 1 from pg_catalog.pg_roles where rolname = role_name) then
      begin
        execute format('create role %I nologin', role_name);
      exception when duplicate_object or unique_violation then
        null;
      end;
    end if;
  end loop;
end
$roles$;

-- The grants are per database.
grant usage on schema flow, flow_migration to flow_reader, flow_catalog, flow_worker;
-- Readiness checks compare the applied migrations with the ones the code expects.
grant select on flow_migration.applied to flow_reader, flow_catalog, flow_worker;

grant select on all tables in schema flow to flow_reader;

grant select, insert, update on flow.event, flow.account to flow_catalog;

grant select on flow.event to flow_worker;
grant select, insert on flow.account to flow_worker;
grant select, insert, update on flow.transaction, flow.balance, flow.posting, flow.outbox to flow_worker;
grant usage on sequence flow.transaction_seq to flow_worker;

-- Creating a partition needs the parent table's owner: the function runs as its owner (the
-- migrating role), with a fixed search_path so a caller cannot redirect what it resolves.
alter function flow.ensure_transaction_partitions(date[]) security definer set search_path = pg_catalog, flow, pg_temp;
revoke execute on function flow.ensure_transaction_partitions(date[]) from public;
grant execute on function flow.ensure_transaction_partitions(date[]) to flow_worker;

-- Tables a later migration creates are readable by the reader without a grant of their own; any
-- other privilege on them is granted by that migration.
alter default privileges in schema flow grant select on tables to flow_reader;

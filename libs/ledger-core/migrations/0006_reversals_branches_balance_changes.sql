-- Reversals, the branch registry and balance-change events (issue 16).

-- Branch registry (agência). Every account belongs to a registered branch; a closed branch takes
-- no postings and no new accounts. The branches of the accounts registered before this migration
-- are registered here, active, named after their code until an operator renames them.
create table flow.branch (
  code          text        primary key check (code ~ '^[A-Za-z0-9]{1,10}$'),
  name          text        not null check (char_length(name) between 1 and 200),
  status        text        not null default 'active' check (status in ('active', 'closed')),
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now()
);

insert into flow.branch (code, name)
select distinct branch, branch from flow.account
on conflict (code) do nothing;

alter table flow.account
  add constraint account_branch_fkey foreign key (branch) references flow.branch (code);

-- A reversal (estorno) names its original in flow.transaction.reverses. The engine sums the
-- reversals of an original under the account's lock to know what remains to reverse, and the
-- by-id read lists them: a partial index keeps the column free for the many plain entries.
create index transaction_reverses_idx on flow.transaction (reverses) where reverses is not null;

-- Balance-change events: the account-days whose closing balance a batch changed, written with
-- its outcomes (null when the batch changed no stored day). json for the same reason as outcomes.
alter table flow.outbox add column balance_changes json;

-- Grants for the roles of 0003: the catalog administers branches; the worker reads them (the
-- branch rules and auto-open); the reader reads them through the default privileges of 0003.
grant select, insert, update on flow.branch to flow_catalog;
grant select on flow.branch to flow_worker;

-- Operations (issue 13): the record of every reconciliation run, the months archived to the
-- lake, and the per-account checkpoints of accumulated totals that keep reconciliation and
-- statements exact once a month's entries have left the database. Forward-only.

-- One row per `flow reconcile` run (by hand, on a schedule, or the embedded stack's timer).
-- Metrics, monitors and the console read the latest run: keep the column names.
create table flow.reconciliation_run (
  id                bigint      generated always as identity primary key,
  started_at        timestamptz not null default now(),
  finished_at       timestamptz,
  -- The run's filters: {"branch","account","from","to"}, each present only when given.
  scope             jsonb       not null default '{}' check (jsonb_typeof(scope) = 'object'),
  accounts_checked  integer     not null default 0 check (accounts_checked >= 0),
  differences       integer     not null default 0 check (differences >= 0),
  status            text        not null default 'running'
                    check (status in ('running', 'clean', 'differences', 'failed'))
);

create index reconciliation_run_started_idx on flow.reconciliation_run (started_at desc);

-- A month of flow.transaction exported to the lake and dropped from the database. Reads that
-- reach into it answer 410 range_archived naming the month and this location.
create table flow.archived_month (
  month        date        primary key check (month = date_trunc('month', month)::date),
  location     text        not null check (char_length(location) between 1 and 1000),
  manifest     jsonb       not null check (jsonb_typeof(manifest) = 'object'),
  archived_at  timestamptz not null default now()
);

-- Accumulated totals of an account at the last day of an archived month, as the daily
-- balances held them when the month was archived (after it reconciled). Reconciliation starts
-- from the latest checkpoint before a day instead of from entries that are no longer there.
create table flow.balance_checkpoint (
  branch              text          not null,
  account             text          not null,
  month               date          not null references flow.archived_month (month) on delete cascade,
  accumulated_debit   numeric(24,2) not null,
  accumulated_credit  numeric(24,2) not null,
  transaction_count   bigint        not null check (transaction_count >= 0),
  primary key (branch, account, month)
);

grant select on flow.reconciliation_run, flow.archived_month, flow.balance_checkpoint to flow_reader;
-- The worker replays re-sent ids of archived months from flow.posting; it reads no new table.

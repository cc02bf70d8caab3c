-- Who posted each posting: ingest stamps the posting token's client_id (else its subject); it is
-- never taken from a client. Null for postings recorded before producers were stamped. Kept on
-- flow.posting (every outcome, posted or rejected: the by-id read and the idempotency check) and
-- on flow.transaction (searches of posted entries filter by it without a join).
alter table flow.posting add column producer text check (char_length(producer) between 1 and 200);
alter table flow.transaction add column producer text check (char_length(producer) between 1 and 200);

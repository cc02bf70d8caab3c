-- Searching rejections (GET /v1/transactions?status=rejected|all). flow.posting deliberately has
-- no full trace-key index: it would cost every insert of the hot path (0001's note). Rejections
-- are rare, so partial indexes over them alone cost a posted row only the predicate's test: one
-- finds every rejection of a trace key, the other walks rejections in search order
-- (date_ref, id) for the searches without a trace key.
create index posting_rejected_trace_key_idx on flow.posting (trace_key) where status = 'rejected';
create index posting_rejected_search_idx on flow.posting (date_ref, id) where status = 'rejected';

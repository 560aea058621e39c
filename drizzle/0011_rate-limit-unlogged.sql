-- Hand-written (drizzle-kit has no UNLOGGED): rate-limit counters are short-lived, and every
-- API request updates its key's one row. Logged, that update waits for a WAL flush while it
-- holds the row lock, so concurrent requests of one key queue behind each other's fsync.
-- Unlogged, a crash resets the windows (docs/decisions/016-api-key-cache-and-graphql-benchmark.md).
ALTER TABLE "rate_limit_hits" SET UNLOGGED;

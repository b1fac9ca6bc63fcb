-- V7 vacuumed delivery after 1 % of its rows changed. With a large table (a million retries waiting) that is every few
-- seconds at a thousand messages a second, and each vacuum reads the whole table and all its indexes: on the benchmark
-- machine fresh deliveries' p99 went from 31 ms to 81 ms while retries were waiting. Dead entries in the queue indexes
-- cost little in between (an index scan marks them dead on first sight and skips them after), so vacuum after 10 %
-- (at least 10,000 rows); statistics still follow the table closely.
alter table delivery set (autovacuum_vacuum_scale_factor = 0.1, autovacuum_vacuum_threshold = 10000,
                          autovacuum_analyze_scale_factor = 0.02, autovacuum_analyze_threshold = 1000);

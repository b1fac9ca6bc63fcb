-- delivery and message behave as queues: thousands of rows a second change state and their dead versions pile up in
-- the partial indexes the claim walks. Vacuum and analyze them after 1 % of rows changed (default 20 % / 10 %), so
-- claims do not wade through dead index entries and plans follow the tables' real size.
alter table delivery set (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_threshold = 1000,
                          autovacuum_analyze_scale_factor = 0.01, autovacuum_analyze_threshold = 1000);
alter table message set (autovacuum_analyze_scale_factor = 0.01, autovacuum_analyze_threshold = 1000);
alter table attempt set (autovacuum_analyze_scale_factor = 0.01, autovacuum_analyze_threshold = 1000);

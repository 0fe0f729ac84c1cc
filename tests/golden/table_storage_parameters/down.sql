-- ~ table public.jobs: storage parameters (autovacuum_vacuum_scale_factor=0.05, fillfactor=70) -> (autovacuum_enabled=off, fillfactor=90)
ALTER TABLE public.jobs RESET (autovacuum_vacuum_scale_factor);
ALTER TABLE public.jobs SET (autovacuum_enabled = 'off', fillfactor = '90');

-- - table public.job_log
-- WARNING: data loss: drops table public.job_log and its rows
DROP TABLE public.job_log;

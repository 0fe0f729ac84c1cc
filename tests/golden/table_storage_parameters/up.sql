-- + table public.job_log
CREATE TABLE public.job_log (
    line text
) WITH (fillfactor = '50');

-- ~ table public.jobs: storage parameters (autovacuum_enabled=off, fillfactor=90) -> (autovacuum_vacuum_scale_factor=0.05, fillfactor=70)
ALTER TABLE public.jobs RESET (autovacuum_enabled);
ALTER TABLE public.jobs SET (autovacuum_vacuum_scale_factor = '0.05', fillfactor = '70');

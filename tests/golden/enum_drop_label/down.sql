-- ~ enum public.status: labels (new, paid) -> (new, paid, cancelled) (type recreated)
-- WARNING: restores the structure only; up lost data: removes label(s) cancelled of public.status; rows holding them make the cast fail
ALTER TYPE public.status RENAME TO status__strata_old;
CREATE TYPE public.status AS ENUM ('new', 'paid', 'cancelled');
ALTER TABLE public.orders ALTER COLUMN status DROP DEFAULT;
ALTER TABLE public.orders ALTER COLUMN status TYPE public.status USING status::text::public.status;
ALTER TABLE public.orders ALTER COLUMN status SET DEFAULT 'new';
DROP TYPE public.status__strata_old;

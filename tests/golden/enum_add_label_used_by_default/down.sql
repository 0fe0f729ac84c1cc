-- ~ column public.orders.status: default 'draft' -> 'new'
ALTER TABLE public.orders ALTER COLUMN status DROP DEFAULT;
ALTER TABLE public.orders ALTER COLUMN status SET DEFAULT 'new';

-- ~ enum public.status: labels (draft, new, paid) -> (new, paid) (type recreated)
-- WARNING: data loss: removes label(s) draft of public.status; rows holding them make the cast fail
ALTER TYPE public.status RENAME TO status__strata_old;
CREATE TYPE public.status AS ENUM ('new', 'paid');
ALTER TABLE public.orders ALTER COLUMN status DROP DEFAULT;
ALTER TABLE public.orders ALTER COLUMN status TYPE public.status USING status::text::public.status;
ALTER TABLE public.orders ALTER COLUMN status SET DEFAULT 'new';
DROP TYPE public.status__strata_old;

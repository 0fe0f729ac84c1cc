-- ~ enum public.status: labels (new, paid) -> (draft, new, paid) (type recreated)
ALTER TYPE public.status RENAME TO status__strata_old;
CREATE TYPE public.status AS ENUM ('draft', 'new', 'paid');
ALTER TABLE public.orders ALTER COLUMN status DROP DEFAULT;
ALTER TABLE public.orders ALTER COLUMN status TYPE public.status USING status::text::public.status;
ALTER TABLE public.orders ALTER COLUMN status SET DEFAULT 'new';
DROP TYPE public.status__strata_old;

-- ~ column public.orders.status: default 'new' -> 'draft'
ALTER TABLE public.orders ALTER COLUMN status DROP DEFAULT;
ALTER TABLE public.orders ALTER COLUMN status SET DEFAULT 'draft';

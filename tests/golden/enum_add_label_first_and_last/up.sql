-- ~ enum public.status: + label draft before new
ALTER TYPE public.status ADD VALUE 'draft' BEFORE 'new';

-- ~ enum public.status: + label archived after paid
ALTER TYPE public.status ADD VALUE 'archived' AFTER 'paid';

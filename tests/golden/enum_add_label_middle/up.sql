-- ~ enum public.status: + label paid after new
ALTER TYPE public.status ADD VALUE 'paid' AFTER 'new';

-- ~ constraint items_price_check on public.items: validated
ALTER TABLE public.items VALIDATE CONSTRAINT items_price_check;

-- ~ constraint items_parent_id_fkey on public.items: validated
ALTER TABLE public.items VALIDATE CONSTRAINT items_parent_id_fkey;

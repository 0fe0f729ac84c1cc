-- ~ constraint items_parent_id_fkey on public.items: added again NOT VALID
ALTER TABLE public.items DROP CONSTRAINT items_parent_id_fkey;
ALTER TABLE public.items ADD CONSTRAINT items_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES public.items(id) NOT VALID;

-- ~ constraint items_price_check on public.items: added again NOT VALID
ALTER TABLE public.items DROP CONSTRAINT items_price_check;
ALTER TABLE public.items ADD CONSTRAINT items_price_check CHECK (price > 0) NOT VALID;

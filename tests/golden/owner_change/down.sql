-- ~ owner of table public.ledgers: strata_golden_owner_change_a
ALTER TABLE public.ledgers OWNER TO strata_golden_owner_change_a;

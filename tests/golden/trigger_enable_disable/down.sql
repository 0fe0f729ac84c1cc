-- ~ trigger accounts_c on public.accounts enabled: disabled -> replica
ALTER TABLE public.accounts ENABLE REPLICA TRIGGER accounts_c;

-- ~ trigger accounts_b on public.accounts enabled: origin -> disabled
ALTER TABLE public.accounts DISABLE TRIGGER accounts_b;

-- ~ trigger accounts_a on public.accounts enabled: always -> origin
ALTER TABLE public.accounts ENABLE TRIGGER accounts_a;

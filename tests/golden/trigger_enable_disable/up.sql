-- ~ trigger accounts_a on public.accounts enabled: origin -> always
ALTER TABLE public.accounts ENABLE ALWAYS TRIGGER accounts_a;

-- ~ trigger accounts_b on public.accounts enabled: disabled -> origin
ALTER TABLE public.accounts ENABLE TRIGGER accounts_b;

-- ~ trigger accounts_c on public.accounts enabled: replica -> disabled
ALTER TABLE public.accounts DISABLE TRIGGER accounts_c;

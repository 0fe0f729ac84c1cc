-- + table public.codes
CREATE TABLE public.codes (
    code text NOT NULL,
    CONSTRAINT codes_pkey PRIMARY KEY (code)
);
ALTER TABLE public.codes ADD CONSTRAINT codes_code_key UNIQUE (code);

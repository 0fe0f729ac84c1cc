-- + table public.notes
-- WARNING: restores the structure only; up lost data: drops table public.notes and its rows
CREATE TABLE public.notes (
    id bigint NOT NULL,
    body text,
    CONSTRAINT notes_pkey PRIMARY KEY (id)
);

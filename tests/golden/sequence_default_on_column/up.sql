-- + sequence public.ticket_numbers
CREATE SEQUENCE public.ticket_numbers AS bigint;

-- + table public.tickets
CREATE TABLE public.tickets (
    id bigint NOT NULL,
    number bigint DEFAULT nextval('ticket_numbers') NOT NULL,
    CONSTRAINT tickets_pkey PRIMARY KEY (id)
);

-- - table public.tickets
-- WARNING: data loss: drops table public.tickets and its rows
DROP TABLE public.tickets;

-- - sequence public.ticket_numbers
-- WARNING: data loss: drops sequence public.ticket_numbers and its current value
DROP SEQUENCE public.ticket_numbers;

-- - exclusion bookings_no_overlap on public.bookings
ALTER TABLE public.bookings DROP CONSTRAINT bookings_no_overlap;

-- - exclusion bookings_during_excl on public.bookings
ALTER TABLE public.bookings DROP CONSTRAINT bookings_during_excl;

-- + exclusion bookings_during_excl on public.bookings
ALTER TABLE public.bookings ADD CONSTRAINT bookings_during_excl EXCLUDE USING gist (during WITH &&) WHERE (room > 0);

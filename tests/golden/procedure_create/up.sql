-- + procedure public.purge_events(interval)
CREATE PROCEDURE public.purge_events(older_than interval DEFAULT '30 days'::interval)
 LANGUAGE plpgsql
 SECURITY DEFINER
AS $function$BEGIN
  DELETE FROM public.events WHERE at < now() - older_than;
END;
$function$;

-- ~ function public.greeting(text) replaced
CREATE OR REPLACE FUNCTION public.greeting(who text)
 RETURNS text
 LANGUAGE plpgsql
 IMMUTABLE
AS $function$BEGIN
  RETURN 'hello, ' || who || '!';
END;
$function$;
COMMENT ON FUNCTION public.greeting(text) IS 'Greets someone';

-- - function public.prices_over(numeric[])
DROP FUNCTION public.prices_over(numeric[]);

-- - function public.item_count()
DROP FUNCTION public.item_count();

-- - function public.add_tax(numeric, numeric)
DROP FUNCTION public.add_tax(numeric, numeric);

-- ~ policy documents_read on public.documents: using
ALTER POLICY documents_read ON public.documents
  USING (published OR owner = current_user);

-- ~ policy documents_write on public.documents: with check
ALTER POLICY documents_write ON public.documents
  WITH CHECK (owner = current_user AND NOT published);

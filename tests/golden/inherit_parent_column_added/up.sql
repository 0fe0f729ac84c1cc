-- + column public.documents.created_at timestamp with time zone
ALTER TABLE public.documents ADD COLUMN created_at timestamp with time zone DEFAULT now() NOT NULL;

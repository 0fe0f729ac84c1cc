-- + domain public.code character varying(12)
CREATE DOMAIN public.code AS character varying(12) COLLATE "C";

-- + domain public.plain_text text
CREATE DOMAIN public.plain_text AS text;

-- + domain public.quantity integer
CREATE DOMAIN public.quantity AS integer DEFAULT 1 NOT NULL CONSTRAINT quantity_bounded CHECK (VALUE < 1000000) CONSTRAINT quantity_positive CHECK (VALUE > 0);
COMMENT ON DOMAIN public.quantity IS 'How many of an item';

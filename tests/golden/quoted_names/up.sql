-- + table public.User Accounts
CREATE TABLE public."User Accounts" (
    "ID" integer NOT NULL,
    "order" text,
    "select" integer DEFAULT 1,
    "weird""name" text,
    CONSTRAINT "User Accounts_pkey" PRIMARY KEY ("ID")
);
CREATE INDEX "User Accounts_order_idx" ON public."User Accounts" USING btree ("order");

-- + table public.members
CREATE TABLE public.members (
    account_id bigint NOT NULL,
    member text NOT NULL
);

-- + foreign key members_account_id_fkey on public.members (account_id) -> public.accounts (id)
ALTER TABLE public.members ADD CONSTRAINT members_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id);

-- + policy accounts_member on public.accounts
CREATE POLICY accounts_member ON public.accounts AS PERMISSIVE FOR SELECT TO strata_golden_policy_add_member
  USING (EXISTS (SELECT 1 FROM members m WHERE m.account_id = accounts.id AND m.member = current_user));

-- + policy accounts_owner on public.accounts
CREATE POLICY accounts_owner ON public.accounts AS PERMISSIVE FOR ALL TO PUBLIC
  USING (owner = current_user);

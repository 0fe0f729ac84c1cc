-- + view billing.unpaid
SET search_path TO billing, public;
CREATE VIEW billing.unpaid AS
SELECT id, total FROM invoices WHERE NOT paid;
RESET search_path;

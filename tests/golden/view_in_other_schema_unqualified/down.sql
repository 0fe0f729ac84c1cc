-- - view billing.unpaid
DROP VIEW billing.unpaid;

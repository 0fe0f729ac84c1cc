-- ~ privileges of strata_golden_grant_add_reader on type app.status: USAGE -> none
REVOKE USAGE ON TYPE app.status FROM strata_golden_grant_add_reader;

-- ~ privileges of strata_golden_grant_add_writer on sequence app.ticket_numbers: SELECT, USAGE -> none
REVOKE SELECT, USAGE ON SEQUENCE app.ticket_numbers FROM strata_golden_grant_add_writer;

-- ~ privileges of strata_golden_grant_add_reader on view app.open_tickets: SELECT -> none
REVOKE SELECT ON TABLE app.open_tickets FROM strata_golden_grant_add_reader;

-- ~ privileges of public on view app.open_tickets: SELECT -> none
REVOKE SELECT ON TABLE app.open_tickets FROM PUBLIC;

-- ~ privileges of strata_golden_grant_add_writer on table app.tickets: INSERT, SELECT, UPDATE -> none
REVOKE INSERT, SELECT, UPDATE ON TABLE app.tickets FROM strata_golden_grant_add_writer;

-- ~ privileges of strata_golden_grant_add_reader on table app.tickets: SELECT -> none
REVOKE SELECT ON TABLE app.tickets FROM strata_golden_grant_add_reader;

-- ~ privileges of strata_golden_grant_add_reader on schema app: USAGE -> none
REVOKE USAGE ON SCHEMA app FROM strata_golden_grant_add_reader;

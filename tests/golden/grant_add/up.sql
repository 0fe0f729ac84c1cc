-- ~ privileges of strata_golden_grant_add_reader on schema app: none -> USAGE
GRANT USAGE ON SCHEMA app TO strata_golden_grant_add_reader;

-- ~ privileges of strata_golden_grant_add_reader on table app.tickets: none -> SELECT
GRANT SELECT ON TABLE app.tickets TO strata_golden_grant_add_reader;

-- ~ privileges of strata_golden_grant_add_writer on table app.tickets: none -> INSERT, SELECT, UPDATE
GRANT INSERT, SELECT, UPDATE ON TABLE app.tickets TO strata_golden_grant_add_writer;

-- ~ privileges of public on view app.open_tickets: none -> SELECT
GRANT SELECT ON TABLE app.open_tickets TO PUBLIC;

-- ~ privileges of strata_golden_grant_add_reader on view app.open_tickets: none -> SELECT
GRANT SELECT ON TABLE app.open_tickets TO strata_golden_grant_add_reader;

-- ~ privileges of strata_golden_grant_add_writer on sequence app.ticket_numbers: none -> SELECT, USAGE
GRANT SELECT, USAGE ON SEQUENCE app.ticket_numbers TO strata_golden_grant_add_writer;

-- ~ privileges of strata_golden_grant_add_reader on type app.status: none -> USAGE
GRANT USAGE ON TYPE app.status TO strata_golden_grant_add_reader;

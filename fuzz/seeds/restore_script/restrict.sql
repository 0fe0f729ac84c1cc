\restrict abc
CREATE SCHEMA s;
\unrestrict abc

-- Runs once, when the pgdata volume is empty (docker-entrypoint-initdb.d).
-- Role passwords are set afterwards by ops/rotate-db-passwords.sh from the files in ../secrets.
CREATE ROLE catalog LOGIN;
CREATE ROLE orders LOGIN;
CREATE ROLE payments LOGIN;

CREATE DATABASE catalog OWNER catalog;
CREATE DATABASE orders OWNER orders;
CREATE DATABASE payments OWNER payments;

-- Only the payments service may read card tokens, and only over TLS (see pg_hba.conf in ops/).
REVOKE CONNECT ON DATABASE payments FROM PUBLIC;

-- FETCH of a ticket is allowed to the user that submitted its call (or a user that may call its alias): the
-- submitter's user name, NULL when the server ran without authentication.
ALTER TABLE ticket ADD COLUMN submitter TEXT;

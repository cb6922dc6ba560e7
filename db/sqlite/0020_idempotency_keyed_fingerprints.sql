-- Idempotency records are now fingerprinted with an HMAC under a server key. Records written before held a plain
-- SHA-256 of each request body (a guessed name and date of birth could be confirmed against it): drop them. They
-- lived 24 hours at most; a retry of one of them is simply carried out again.
DELETE FROM idempotency_keys;

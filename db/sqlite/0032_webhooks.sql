-- Webhook subscriptions: a unit's administrator registers an HTTPS endpoint for the change-feed events of its units.
-- The signing secret is sealed by the application (AES-256-GCM, the subscription id as associated data). Delivery
-- follows the feed from last_position; after the configured attempts fail, the subscription is marked failing.
CREATE TABLE webhook_subscriptions (
    id                 TEXT NOT NULL PRIMARY KEY,
    unit_code          TEXT NOT NULL REFERENCES units(code),
    url                TEXT NOT NULL,
    secret_key_id      TEXT NOT NULL,
    secret_ciphertext  BLOB NOT NULL,
    state              TEXT NOT NULL,
    last_position      INTEGER NOT NULL,
    delivered          INTEGER NOT NULL,
    last_status        INTEGER NULL,
    last_attempt_at    TEXT NULL,
    created_at         TEXT NOT NULL,
    created_by         TEXT NOT NULL
);
CREATE INDEX ix_webhook_subscriptions_state ON webhook_subscriptions (state, id);

-- Webhook subscriptions: a unit's administrator registers an HTTPS endpoint for the change-feed events of its units.
-- The signing secret is sealed by the application (AES-256-GCM, the subscription id as associated data). Delivery
-- follows the feed from last_position; after the configured attempts fail, the subscription is marked failing.
CREATE TABLE dbo.webhook_subscriptions (
    id                 UNIQUEIDENTIFIER NOT NULL PRIMARY KEY NONCLUSTERED,
    unit_code          NVARCHAR(32)   NOT NULL REFERENCES dbo.units(code),
    url                NVARCHAR(2000) NOT NULL,
    secret_key_id      NVARCHAR(32)   NOT NULL,
    secret_ciphertext  VARBINARY(MAX) NOT NULL,
    state              NVARCHAR(16)   NOT NULL,
    last_position      BIGINT NOT NULL,
    delivered          BIGINT NOT NULL,
    last_status        INT NULL,
    last_attempt_at    DATETIME2(7)   NULL,
    created_at         DATETIME2(7)   NOT NULL,
    created_by         NVARCHAR(128)  NOT NULL
);
CREATE INDEX ix_webhook_subscriptions_state ON dbo.webhook_subscriptions (state, id);

-- Child-protection clocks that have fallen due (Decree 56/2017: emergency protection within 12 hours, a support plan
-- within 5 working days of the report), one row per victim and clock kind. The scanner writes the row and its
-- change-feed event in one transaction; the key makes a second writer (a second tick, another node) fail and roll
-- back instead of writing the event twice. A clock falls due once: it counts from the report's receipt, which does
-- not move.
CREATE TABLE dbo.child_protection_due_marks (
    victim_id      UNIQUEIDENTIFIER NOT NULL REFERENCES dbo.victims(id),
    clock_kind     NVARCHAR(40)  NOT NULL,
    case_id        UNIQUEIDENTIFIER NOT NULL REFERENCES dbo.cases(id),
    feed_position  BIGINT NOT NULL,
    marked_at      DATETIME2(7)  NOT NULL,
    CONSTRAINT pk_child_protection_due_marks PRIMARY KEY (victim_id, clock_kind)
);

-- A rotated webhook secret: the one it replaced stays valid for deliveries until previous_secret_until (both
-- signatures are sent), sealed like the current one (AES-256-GCM under secret_key_id, the subscription id as
-- associated data).
ALTER TABLE dbo.webhook_subscriptions ADD previous_secret_ciphertext VARBINARY(MAX) NULL;
ALTER TABLE dbo.webhook_subscriptions ADD previous_secret_until DATETIME2(7) NULL;

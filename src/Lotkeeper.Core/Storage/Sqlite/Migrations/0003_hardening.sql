-- Stored responses of requests sent with an Idempotency-Key header, one per client and key. A row counts only until
-- expires_at; a request with an expired key replaces the row.
CREATE TABLE idempotency_keys (
    client_id INTEGER NOT NULL REFERENCES clients (id),
    idempotency_key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    reference_id TEXT NOT NULL,
    response_status INTEGER NOT NULL,
    response_body TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (client_id, idempotency_key)
);

CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);

-- Administrative actions of the CLI, newest last. client_code is text, not a foreign key, so that an entry
-- reads on its own.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    action TEXT NOT NULL,
    client_code TEXT,
    subject TEXT,
    detail TEXT
);

-- Retention finds permits that were deleted or ended before a cut-off and still carry a plate.
CREATE INDEX permits_plate_end ON permits (end_at) WHERE plate_raw IS NOT NULL;

CREATE INDEX permits_plate_deleted ON permits (deleted_at) WHERE plate_raw IS NOT NULL AND deleted_at IS NOT NULL;

-- Stored responses of requests sent with an Idempotency-Key header, one per client and key. A row counts only until
-- expires_at; a request with an expired key replaces the row.
CREATE TABLE idempotency_keys (
    client_id bigint NOT NULL REFERENCES clients (id),
    idempotency_key text NOT NULL,
    request_hash text NOT NULL,
    reference_id text NOT NULL,
    response_status integer NOT NULL,
    response_body text NOT NULL,
    created_at bigint NOT NULL,
    expires_at bigint NOT NULL,
    PRIMARY KEY (client_id, idempotency_key)
);

CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);

-- Administrative actions of the CLI, newest last. client_code is text, not a foreign key, so that an entry
-- reads on its own.
CREATE TABLE audit_log (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at bigint NOT NULL,
    action text NOT NULL,
    client_code text,
    subject text,
    detail text
);

-- Retention finds permits that were deleted or ended before a cut-off and still carry a plate.
CREATE INDEX permits_plate_end ON permits (end_at) WHERE plate_raw IS NOT NULL;

CREATE INDEX permits_plate_deleted ON permits (deleted_at) WHERE plate_raw IS NOT NULL AND deleted_at IS NOT NULL;

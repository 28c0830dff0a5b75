-- Instants are microseconds since 1970-01-01T00:00:00Z, so the same queries serve SQLite and PostgreSQL.
CREATE TABLE clients (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code text NOT NULL,
    code_key text NOT NULL UNIQUE,
    name text NOT NULL,
    time_zone text NOT NULL,
    currency text NOT NULL,
    zone_policy text NOT NULL,
    grace_seconds bigint NOT NULL,
    recently_expired_seconds bigint NOT NULL,
    created_at bigint NOT NULL
);

CREATE TABLE zones (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    client_id bigint NOT NULL REFERENCES clients (id),
    name text NOT NULL,
    name_key text NOT NULL,
    time_zone text,
    created_at bigint NOT NULL,
    removed_at bigint
);

CREATE UNIQUE INDEX zones_live_name ON zones (client_id, name_key) WHERE removed_at IS NULL;

CREATE TABLE tokens (
    id text PRIMARY KEY,
    client_id bigint NOT NULL REFERENCES clients (id),
    name text NOT NULL,
    hash text NOT NULL UNIQUE,
    permissions text NOT NULL,
    created_at bigint NOT NULL,
    expires_at bigint,
    revoked_at bigint,
    last_used_at bigint
);

CREATE INDEX tokens_client ON tokens (client_id);

CREATE TABLE permits (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    reference_id text NOT NULL UNIQUE,
    client_id bigint NOT NULL REFERENCES clients (id),
    zone_id bigint NOT NULL REFERENCES zones (id),
    plate_raw text,
    plate_normalized text,
    start_at bigint NOT NULL,
    end_at bigint NOT NULL,
    amount_cents bigint,
    currency text NOT NULL,
    permit_number text,
    permit_type text NOT NULL,
    created_at bigint NOT NULL,
    updated_at bigint NOT NULL,
    deleted_at bigint,
    version integer NOT NULL
);

-- One live permit per permit number in a zone: the duplicate rule holds even when pushes from several app
-- instances race.
CREATE UNIQUE INDEX permits_live_number ON permits (client_id, zone_id, permit_number)
    WHERE deleted_at IS NULL AND permit_number IS NOT NULL;

CREATE INDEX permits_live_end ON permits (client_id, end_at) WHERE deleted_at IS NULL;

CREATE INDEX permits_live_plate ON permits (client_id, plate_normalized) WHERE deleted_at IS NULL;

CREATE TABLE permit_events (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    permit_id bigint NOT NULL REFERENCES permits (id),
    kind text NOT NULL,
    token_id text,
    at bigint NOT NULL,
    changes text NOT NULL
);

CREATE INDEX permit_events_permit ON permit_events (permit_id, id);

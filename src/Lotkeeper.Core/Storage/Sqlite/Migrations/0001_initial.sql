-- Instants are microseconds since 1970-01-01T00:00:00Z, so the same queries serve SQLite and PostgreSQL.
CREATE TABLE clients (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL,
    code_key TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    currency TEXT NOT NULL,
    zone_policy TEXT NOT NULL,
    grace_seconds INTEGER NOT NULL,
    recently_expired_seconds INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE zones (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients (id),
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    time_zone TEXT,
    created_at INTEGER NOT NULL,
    removed_at INTEGER
);

CREATE UNIQUE INDEX zones_live_name ON zones (client_id, name_key) WHERE removed_at IS NULL;

CREATE TABLE tokens (
    id TEXT PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients (id),
    name TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE,
    permissions TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER,
    revoked_at INTEGER,
    last_used_at INTEGER
);

CREATE INDEX tokens_client ON tokens (client_id);

CREATE TABLE permits (
    id INTEGER PRIMARY KEY,
    reference_id TEXT NOT NULL UNIQUE,
    client_id INTEGER NOT NULL REFERENCES clients (id),
    zone_id INTEGER NOT NULL REFERENCES zones (id),
    plate_raw TEXT,
    plate_normalized TEXT,
    start_at INTEGER NOT NULL,
    end_at INTEGER NOT NULL,
    amount_cents INTEGER,
    currency TEXT NOT NULL,
    permit_number TEXT,
    permit_type TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    deleted_at INTEGER,
    version INTEGER NOT NULL
);

-- One live permit per permit number in a zone: the duplicate rule holds even when pushes race.
CREATE UNIQUE INDEX permits_live_number ON permits (client_id, zone_id, permit_number)
    WHERE deleted_at IS NULL AND permit_number IS NOT NULL;

CREATE INDEX permits_live_end ON permits (client_id, end_at) WHERE deleted_at IS NULL;

CREATE INDEX permits_live_plate ON permits (client_id, plate_normalized) WHERE deleted_at IS NULL;

CREATE TABLE permit_events (
    id INTEGER PRIMARY KEY,
    permit_id INTEGER NOT NULL REFERENCES permits (id),
    kind TEXT NOT NULL,
    token_id TEXT,
    at INTEGER NOT NULL,
    changes TEXT NOT NULL
);

CREATE INDEX permit_events_permit ON permit_events (permit_id, id);

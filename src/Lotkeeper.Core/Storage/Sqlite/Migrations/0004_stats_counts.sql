-- Running-permit counts for stats, kept as writes happen instead of counted per request.
--
-- Every live permit contributes a mark of +1 at its start and -1 at its end, per client, zone and permit type, so the
-- permits running at an instant T (start <= T < end) number the sum of the marks with at <= T. Writes only append
-- marks: a delete appends the opposite marks, and an update of the end appends +1 at the old end and -1 at the new.
-- Compaction adds the marks up to a client's compaction point into permit_stats_base and deletes them, so a stats
-- request at T reads the base plus the few marks between the point and T. Before the point it counts the permits
-- themselves.
CREATE TABLE permit_stats_marks (
    client_id INTEGER NOT NULL,
    zone_id INTEGER NOT NULL,
    permit_type TEXT NOT NULL,
    at INTEGER NOT NULL,
    delta INTEGER NOT NULL
);

-- Marks are copied from permits, which hold the foreign keys, so appending one checks no other table.
-- The index covers the stats query, so that query reads no table rows.
CREATE INDEX permit_stats_marks_at ON permit_stats_marks (client_id, at, zone_id, permit_type, delta);

CREATE TABLE permit_stats_base (
    client_id INTEGER NOT NULL REFERENCES clients (id),
    zone_id INTEGER NOT NULL REFERENCES zones (id),
    permit_type TEXT NOT NULL,
    total INTEGER NOT NULL,
    PRIMARY KEY (client_id, zone_id, permit_type)
);

-- compacted_to: the latest instant whose marks are all in permit_stats_base.
CREATE TABLE permit_stats_points (
    client_id INTEGER PRIMARY KEY REFERENCES clients (id),
    compacted_to INTEGER NOT NULL
);

-- Marks of the permits stored before this migration. Those that ended long ago cancel out at the first compaction.
INSERT INTO permit_stats_marks (client_id, zone_id, permit_type, at, delta)
SELECT client_id, zone_id, permit_type, start_at, 1 FROM permits WHERE deleted_at IS NULL AND start_at < end_at
UNION ALL
SELECT client_id, zone_id, permit_type, end_at, -1 FROM permits WHERE deleted_at IS NULL AND start_at < end_at;

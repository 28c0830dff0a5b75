-- Enforcement lookups: an OCR-folded plate column and a per-client change sequence.
--
-- plate_folded is the normalised plate with every OCR-confusable character replaced by one representative of its
-- class (O, D and Q become 0, I becomes 1, Z 2, S 5 and B 8). Exact, normalised and OCR-equivalent matches of a
-- plate all share its folded key, so one index range serves a lookup however many permits are stored. The same
-- mapping is PlateKeys.Fold in the code, which fills the column on every write.
ALTER TABLE permits ADD COLUMN plate_folded TEXT;

-- change_seq orders every create, update and delete of a client's permits for the change feeds.
ALTER TABLE permits ADD COLUMN change_seq INTEGER NOT NULL DEFAULT 0;

UPDATE permits SET plate_folded =
    REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(
        plate_normalized, 'O', '0'), 'D', '0'), 'Q', '0'), 'I', '1'), 'Z', '2'), 'S', '5'), 'B', '8');

UPDATE permits SET change_seq = id;

CREATE TABLE permit_change_counters (
    client_id INTEGER PRIMARY KEY REFERENCES clients (id),
    last_seq INTEGER NOT NULL
);

INSERT INTO permit_change_counters (client_id, last_seq)
SELECT client_id, MAX(change_seq) FROM permits GROUP BY client_id;

CREATE INDEX permits_live_folded ON permits (client_id, plate_folded, end_at) WHERE deleted_at IS NULL;

CREATE INDEX permits_zone_change ON permits (zone_id, change_seq);

CREATE INDEX permits_live_zone_end ON permits (zone_id, end_at) WHERE deleted_at IS NULL;

-- No query looks permits up by their normalized plate alone: lookups go through permits_live_folded, whose folded
-- key matches every plate that normalizes alike. The index only cost every write one more index page.
DROP INDEX permits_live_plate;

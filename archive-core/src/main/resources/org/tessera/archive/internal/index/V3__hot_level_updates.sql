-- Every instance updates its patient, study and series row (counts, bytes, last update). Such an
-- update is HOT (no new entry in any index, PostgreSQL's heap-only tuple) when no column of a
-- B-tree or GIN index changes and the page has room. updated_at changes each time: its indexes
-- become BRIN, which since PostgreSQL 16 do not prevent HOT and still serve "updated since"
-- range scans; and the level tables keep 30 % of each page free for the new row versions.
DROP INDEX patient_updated;
DROP INDEX study_updated;
DROP INDEX series_updated;
CREATE INDEX patient_updated ON patient USING brin (updated_at);
CREATE INDEX study_updated ON study USING brin (updated_at);
CREATE INDEX series_updated ON series USING brin (updated_at);
ALTER TABLE patient SET (fillfactor = 70);
ALTER TABLE study SET (fillfactor = 70);
ALTER TABLE series SET (fillfactor = 70);

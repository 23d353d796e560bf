-- An instance's DICOM JSON (attrs, typically 2-8 KB) crossed PostgreSQL's 2 KB TOAST threshold and
-- was compressed with pglz on every insert: a fifth of the server's CPU when ingesting small
-- instances (the embedded binaries have no lz4). It now stays in its row uncompressed up to a
-- row of 8160 bytes, and longer ones go to the TOAST table uncompressed. The index costs more
-- disk (a fraction of the instances' own bytes); ingest and metadata reads skip (de)compression.
ALTER TABLE instance ALTER COLUMN attrs SET STORAGE EXTERNAL;
ALTER TABLE instance SET (toast_tuple_target = 8160);

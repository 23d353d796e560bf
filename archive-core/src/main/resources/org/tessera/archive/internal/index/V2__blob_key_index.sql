-- Finding files no instance row points to (left by a process killed between placing a file and
-- committing its row) probes the index by blob key.
CREATE INDEX instance_blob_key ON instance (blob_key);

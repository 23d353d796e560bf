package org.tessera.archive;

import org.tessera.archive.delete.DeletionService;
import org.tessera.archive.ingest.IngestService;
import org.tessera.archive.query.QueryService;
import org.tessera.archive.retrieve.RetrieveService;
import org.tessera.archive.storage.BlobStore;

/**
 * Everything a protocol module may ask of the archive: the one ingest pipeline, the one query
 * engine, retrieve lookups, deletion, and the blob store to stream files from.
 */
public record ArchiveServices(
    IngestService ingest, QueryService query, RetrieveService retrieve, DeletionService deletion,
    BlobStore blobs) {}

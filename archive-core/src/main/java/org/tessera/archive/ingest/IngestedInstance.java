package org.tessera.archive.ingest;

/**
 * The identity of an instance that was (or already was) stored.
 *
 * @param md5 MD5 of the stored file, 16 bytes
 * @param collection the collection it was assigned to
 */
public record IngestedInstance(
    String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid,
    String sopClassUid, String transferSyntaxUid, long size, byte[] md5, String collection) {}

package org.tessera.archive.retrieve;

/**
 * A stored instance as a retrieve sends it: its identity, how its file is encoded, and where the
 * blob store keeps it.
 *
 * @param transferSyntaxUid the transfer syntax of the stored file
 * @param size the file's length in bytes
 * @param md5 the MD5 digest of the file, computed at ingest
 * @param blobKey the key of the file in the blob store
 * @param collection the name of the collection it belongs to
 */
public record StoredInstance(String studyInstanceUid, String seriesInstanceUid,
    String sopInstanceUid, String sopClassUid, String transferSyntaxUid, long size, byte[] md5,
    String blobKey, String collection) {}

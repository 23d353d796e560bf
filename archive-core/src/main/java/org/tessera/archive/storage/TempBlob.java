package org.tessera.archive.storage;

import java.nio.file.Path;

/**
 * Bytes received into a temp file of the blob store, not yet placed under a final name.
 *
 * @param path the temp file
 * @param size its length in bytes
 * @param md5 the MD5 digest of its content, 16 bytes
 */
public record TempBlob(Path path, long size, byte[] md5) {}

package org.tessera.archive.storage;

import io.vertx.core.Future;
import java.nio.file.Path;

/**
 * Bytes received into a temp file of the blob store, not yet placed under a final name.
 *
 * @param path the temp file
 * @param size its length in bytes
 * @param md5 the MD5 digest of its content, 16 bytes: a stream's last bytes are hashed beside
 *     the steps that follow its receipt (parse, place, fsync), so it may complete after them
 */
public record TempBlob(Path path, long size, Future<byte[]> md5) {

  /** A temp file whose digest is already known. */
  public static TempBlob hashed(Path path, long size, byte[] md5) {
    return new TempBlob(path, size, Future.succeededFuture(md5));
  }
}

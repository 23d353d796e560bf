package org.tessera.dicom.data;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A value that stays where it is instead of being loaded: {@code length} bytes at
 * {@code offset} of the resource {@code uri} (a {@code file:} URI for values found while
 * reading a file, or a BulkDataURI from DICOM JSON). The bytes are in the byte order of the
 * data set that holds the reference.
 *
 * @param uri where the bytes are
 * @param offset first byte of the value in that resource
 * @param length number of bytes, or -1 if unknown (the whole resource)
 */
public record BulkDataRef(String uri, long offset, long length) {

  public BulkDataRef {
    Objects.requireNonNull(uri, "uri");
    if (offset < 0 || length < -1) {
      throw new IllegalArgumentException("bad bulk data range " + offset + "+" + length);
    }
  }

  /** A reference to a region of a file. */
  public static BulkDataRef ofFile(Path file, long offset, long length) {
    return new BulkDataRef(file.toUri().toString(), offset, length);
  }

  /** Whether the bytes are in a local file, so that {@link #path()} can open them. */
  public boolean isFile() {
    return uri.startsWith("file:");
  }

  /** The local file holding the bytes; only for {@link #isFile()} references. */
  public Path path() {
    if (!isFile()) {
      throw new IllegalStateException("not a file reference: " + uri);
    }
    return Path.of(URI.create(uri));
  }
}

/**
 * The blob store: one file per instance under hashed fan-out directories of one root. Bytes are
 * written to a temp file while their size and MD5 are computed, then forced to disk (when
 * configured) and renamed atomically under a fresh key, so a key the index holds never names a
 * partial file and a replacement never overwrites the file a committed row still points to.
 * Reads go straight to the file ({@code sendFile}, {@code FileChannel.transferTo}); temp files
 * left by ingests that died are swept at start-up.
 */
package org.tessera.archive.storage;

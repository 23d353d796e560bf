package org.tessera.dimse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.tessera.dicom.io.DicomReader;
import org.tessera.dicom.io.FileMetaInformation;

/**
 * Part 10 files as the store tests compare them: File Meta read with our reader, and the data
 * set as the bytes after the File Meta group, which is what a C-STORE carries and what a stored
 * file must hold unchanged whoever wrote the File Meta in front of it.
 */
final class Part10Bytes {
  private Part10Bytes() {}

  static FileMetaInformation fileMeta(Path file) {
    try (DicomReader reader = new DicomReader(
        new BufferedInputStream(Files.newInputStream(file)))) {
      return reader.readFileMetaInformation();
    } catch (IOException e) {
      throw new AssertionError("cannot read the File Meta of " + file, e);
    }
  }

  /**
   * Where the data set starts: after the preamble, "DICM" and the File Meta group, whose length
   * the group length element (0002,0000) leading it gives (PS3.10 7.1).
   */
  static long datasetOffset(Path file) throws IOException {
    byte[] head = new byte[144];
    try (InputStream in = Files.newInputStream(file)) {
      assertThat(in.readNBytes(head, 0, head.length)).as("length of %s", file)
          .isEqualTo(head.length);
    }
    ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(new String(head, 128, 4, StandardCharsets.US_ASCII)).isEqualTo("DICM");
    assertThat(b.getInt(132)).as("(0002,0000) first in %s", file).isEqualTo(0x00000002);
    assertThat(new String(head, 136, 2, StandardCharsets.US_ASCII)).isEqualTo("UL");
    return 144L + Integer.toUnsignedLong(b.getInt(140));
  }

  /** The data set of a small file. */
  static byte[] dataset(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      in.skipNBytes(datasetOffset(file));
      return in.readAllBytes();
    }
  }

  /** The data sets of both files are the same bytes; streams, so any size will do. */
  static void assertSameDataset(Path actual, Path expected) throws IOException {
    long actualOffset = datasetOffset(actual);
    long expectedOffset = datasetOffset(expected);
    assertThat(Files.size(actual) - actualOffset).as("data set length of %s", actual)
        .isEqualTo(Files.size(expected) - expectedOffset);
    try (InputStream a = new BufferedInputStream(Files.newInputStream(actual), 1 << 20);
        InputStream e = new BufferedInputStream(Files.newInputStream(expected), 1 << 20)) {
      a.skipNBytes(actualOffset);
      e.skipNBytes(expectedOffset);
      byte[] ab = new byte[1 << 16];
      byte[] eb = new byte[1 << 16];
      for (long position = 0; ; position += ab.length) {
        int n = a.readNBytes(ab, 0, ab.length);
        assertThat(e.readNBytes(eb, 0, n)).isEqualTo(n);
        int at = Arrays.mismatch(ab, 0, n, eb, 0, n);
        if (at >= 0) {
          throw new AssertionError(String.format("data sets of %s and %s differ at data set "
              + "byte %d: %02x, expected %02x", actual, expected, position + at, ab[at], eb[at]));
        }
        if (n < ab.length) {
          return;
        }
      }
    }
  }

  static void assertSameBytes(byte[] actual, byte[] expected, String what) {
    int at = Arrays.mismatch(actual, expected);
    if (at >= 0) {
      throw new AssertionError(String.format("%s: %d bytes, expected %d; first difference at "
          + "byte %d", what, actual.length, expected.length, at));
    }
  }

  static byte[] md5(Path file) throws IOException {
    MessageDigest md5;
    try {
      md5 = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] chunk = new byte[1 << 16];
      for (int n; (n = in.read(chunk)) >= 0; ) {
        md5.update(chunk, 0, n);
      }
    }
    return md5.digest();
  }
}

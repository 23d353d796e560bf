package org.tessera.dimse.internal.ul;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.tessera.dicom.data.Attributes;
import org.tessera.dicom.data.TransferSyntax;
import org.tessera.dicom.io.DicomReader;
import org.tessera.dicom.io.ReadOptions;

/** Small data sets of DIMSE messages (identifiers, status details), decoded from memory. */
public final class Identifiers {
  private Identifiers() {}

  /**
   * Decodes a data set received in {@code transferSyntax}.
   *
   * @throws UncheckedIOException if it is not a well-formed data set
   */
  public static Attributes decode(Buffer bytes, String transferSyntax) {
    try (DicomReader reader = DicomReader.forDataset(new ByteArrayInputStream(bytes.getBytes()),
        TransferSyntax.of(transferSyntax), ReadOptions.DEFAULTS)) {
      return reader.readDataset();
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable data set: " + e.getMessage(), e);
    }
  }
}

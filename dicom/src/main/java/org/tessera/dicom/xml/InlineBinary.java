package org.tessera.dicom.xml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Base64;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.tessera.dicom.data.BulkDataRef;
import org.tessera.dicom.data.Fragments;
import org.tessera.dicom.internal.BulkDataInput;
import org.tessera.dicom.internal.EndianBytes;

/**
 * Writes InlineBinary elements (PS3.19 A.1.5): a value field as base64, streamed in chunks so
 * that a large value never exists as one string. The XML names no transfer syntax, so
 * bytes go out in the little-endian order of DICOMweb's default, Explicit VR Little Endian,
 * whatever the order of the data set ("all rules (e.g., byte ordering and swapping) apply"): the
 * writer swaps each value of {@code swapUnit} bytes. A chunk is a multiple of 24 bytes: of 3, so
 * that no padding falls inside the text, and of 8, so that no value straddles two chunks. Small
 * values get small buffers.
 *
 * <p>One instance per element; the caller's arrays are never modified.
 */
final class InlineBinary {
  private static final int UNIT = 3 * 8;
  private static final int MAX_CHUNK = UNIT * 1024;
  private static final int READ_BUFFER = 64 * 1024;

  private final XMLStreamWriter out;
  private final int swapUnit;
  private final byte[] chunk;
  private final byte[] encoded;
  private final char[] text;
  private int count;

  private InlineBinary(XMLStreamWriter out, int swapUnit, long length) {
    this.out = out;
    this.swapUnit = swapUnit;
    long units = length < 0 ? MAX_CHUNK / UNIT : Math.max(1, (length + UNIT - 1) / UNIT);
    this.chunk = new byte[(int) Math.min(MAX_CHUNK, units * UNIT)];
    this.encoded = new byte[chunk.length / 3 * 4];
    this.text = new char[encoded.length];
  }

  /**
   * Writes an InlineBinary element holding {@code value}.
   *
   * @param swapUnit bytes per value to reverse (2 for OW, 4 for OF and OL, 8 for OD and OV), or
   *     1 to copy the bytes as they are
   */
  static void write(XMLStreamWriter out, byte[] value, int swapUnit) throws XMLStreamException {
    InlineBinary base64 = start(out, swapUnit, value.length);
    base64.write(value, 0, value.length);
    base64.end();
  }

  /** Writes an InlineBinary element holding the bytes {@code ref} points at, read from its file. */
  static void write(XMLStreamWriter out, BulkDataRef ref, int swapUnit)
      throws IOException, XMLStreamException {
    try (InputStream in = BulkDataInput.open(ref)) {
      write(out, in, swapUnit, BulkDataInput.length(ref));
    }
  }

  /**
   * Writes an InlineBinary element holding an encapsulated value field as PS3.5 A.4 lays it out
   * in a file: each fragment (the Basic Offset Table first) as an Item with its length, then the
   * Sequence Delimitation Item.
   */
  static void write(XMLStreamWriter out, Fragments fragments)
      throws IOException, XMLStreamException {
    try (InputStream in = BulkDataInput.encapsulated(fragments)) {
      write(out, in, 1, BulkDataInput.encapsulatedLength(fragments));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static void write(XMLStreamWriter out, InputStream in, int swapUnit, long length)
      throws IOException, XMLStreamException {
    InlineBinary base64 = start(out, swapUnit, length);
    byte[] buffer = new byte[(int) Math.min(READ_BUFFER, Math.max(length, 1))];
    for (int n; (n = in.read(buffer)) > 0; ) {
      base64.write(buffer, 0, n);
    }
    base64.end();
  }

  /** @param length of the value field, or -1 if unknown */
  private static InlineBinary start(XMLStreamWriter out, int swapUnit, long length)
      throws XMLStreamException {
    out.writeStartElement("", "InlineBinary", NativeDicomModelWriter.NAMESPACE);
    return new InlineBinary(out, swapUnit, length);
  }

  /** Appends bytes of the value field. */
  private void write(byte[] b, int off, int len) throws XMLStreamException {
    while (len > 0) {
      int n = Math.min(len, chunk.length - count);
      System.arraycopy(b, off, chunk, count, n);
      count += n;
      off += n;
      len -= n;
      if (count == chunk.length) {
        flushChunk();
      }
    }
  }

  /**
   * The bytes a reference points at, for a value of a VR written as Values rather than base64.
   *
   * @throws IOException if the file cannot be read, ends early, or the value exceeds an array
   */
  static byte[] load(BulkDataRef ref) throws IOException {
    long length = BulkDataInput.length(ref);
    if (length > Integer.MAX_VALUE - 8) {
      throw new IOException("a value of " + length + " bytes does not fit in memory");
    }
    try (InputStream in = BulkDataInput.open(ref)) {
      return in.readAllBytes();
    }
  }

  /** Writes what is left, with base64 padding, and ends the element. */
  private void end() throws XMLStreamException {
    if (count > 0) {
      flushChunk();
    }
    out.writeEndElement();
  }

  private void flushChunk() throws XMLStreamException {
    EndianBytes.swap(chunk, 0, count, swapUnit);
    byte[] source = count == chunk.length ? chunk : Arrays.copyOf(chunk, count);
    int n = Base64.getEncoder().encode(source, encoded);
    for (int i = 0; i < n; i++) {
      text[i] = (char) encoded[i];
    }
    out.writeCharacters(text, 0, n);
    count = 0;
  }
}

package org.tessera.dicom.json;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.tessera.dicom.data.Attributes;
import org.tessera.dicom.data.BulkDataRef;
import org.tessera.dicom.data.BulkDataUriProvider;
import org.tessera.dicom.data.Fragments;
import org.tessera.dicom.data.Sequence;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.data.VR;
import org.tessera.dicom.internal.BulkDataInput;
import org.tessera.dicom.internal.EndianBytes;
import org.tessera.dicom.internal.ValueCodec;

/**
 * Writes data sets as DICOM JSON Model objects (PS3.18 F.2) to a Jackson streaming generator,
 * one object per {@link #write} call, so that a result set of thousands of data sets streams
 * inside an array the caller opens and closes. Values are decoded straight from the data set
 * (raw bytes in its byte order and Specific Character Set) to the generator: no JSON tree, no
 * per-value formatting beyond the number rules below.
 *
 * <p>Where the standard leaves a choice, this writer:
 *
 * <ul>
 *   <li>writes DS and IS values as JSON numbers, normalised to the JSON grammar ("+.5" as 0.5,
 *       "1." as 1), and a value that is no number at all as a JSON string (F.2.3 allows strings
 *       for DS and IS);
 *   <li>writes SV and UV values beyond ±(2^53 - 1) as JSON strings holding the exact decimal
 *       ("to avoid losing precision", F.2.3; RFC 8259 6), and UV as unsigned;
 *   <li>writes NaN and infinite FL and FD values, which JSON numbers cannot carry, as the strings
 *       "NaN", "Infinity" and "-Infinity";
 *   <li>writes an undefined-length UN value read as a sequence (PS3.5 6.2.2) as "SQ" with its
 *       items, the VR it has; the JSON model has no UN sequence;
 *   <li>writes encapsulated Pixel Data the provider gives no URI for as InlineBinary of its whole
 *       Value Field (F.2.7): the items of PS3.5 A.4 with their headers and the Sequence
 *       Delimitation Item, little endian, as {@link DicomJsonReader} reads it back;
 *   <li>writes a {@link BulkDataRef} that is not a local file as its own URI when the provider
 *       gives none: the bytes cannot be inlined from here; one of a VR other than OB, OD, OF,
 *       OL, OV, OW, UN (a DS or LT left in its file, say) is read and written as "Value".
 * </ul>
 *
 * <p>Group Length elements (gggg,0000) are left out (F.2.2). Not thread-safe; one writer per
 * generator.
 */
public final class DicomJsonWriter {
  private static final Base64Variant BASE64 = Base64Variants.MIME_NO_LINEFEEDS;
  private static final SerializableString VR_KEY = new SerializedString("vr");
  private static final SerializableString VALUE = new SerializedString("Value");
  private static final SerializableString INLINE_BINARY = new SerializedString("InlineBinary");
  private static final SerializableString BULK_DATA_URI = new SerializedString("BulkDataURI");
  private static final SerializableString[] PN_GROUPS = {
      new SerializedString("Alphabetic"), new SerializedString("Ideographic"),
      new SerializedString("Phonetic")};
  private static final SerializableString[] VR_NAMES = new SerializableString[VR.values().length];
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  static {
    for (VR vr : VR.values()) {
      VR_NAMES[vr.ordinal()] = new SerializedString(vr.name());
    }
  }

  private final JsonGenerator gen;
  private final BulkDataUriProvider bulkData;
  /** "SEQTAG/n/" for each enclosing item: the prefix of a bulk data path. */
  private final StringBuilder itemPath = new StringBuilder(64);

  /**
   * @param gen where the JSON goes; the writer never closes or flushes it
   * @param bulkData decides for each bulk value between BulkDataURI and InlineBinary
   */
  public DicomJsonWriter(JsonGenerator gen, BulkDataUriProvider bulkData) {
    this.gen = Objects.requireNonNull(gen, "gen");
    this.bulkData = Objects.requireNonNull(bulkData, "bulkData");
  }

  /**
   * Writes {@code dataset} as one JSON object. Bulk values held as {@link BulkDataRef}s into
   * files are read from those files if they are inlined, which blocks.
   */
  public void write(Attributes dataset) throws IOException {
    itemPath.setLength(0);
    writeObject(dataset);
  }

  private void writeObject(Attributes attrs) throws IOException {
    gen.writeStartObject();
    for (int i = 0; i < attrs.size(); i++) {
      int tag = attrs.tagAt(i);
      if (!Tag.isGroupLength(tag)) {
        writeElement(attrs, tag, attrs.vrAt(i), attrs.valueAt(i));
      }
    }
    gen.writeEndObject();
  }

  private void writeElement(Attributes attrs, int tag, VR vr, Object value) throws IOException {
    gen.writeFieldName(hex(tag));
    gen.writeStartObject();
    if (value instanceof Sequence seq) {
      gen.writeFieldName(VR_KEY);
      gen.writeString(VR_NAMES[VR.SQ.ordinal()]);
      writeItems(tag, seq);
    } else {
      gen.writeFieldName(VR_KEY);
      gen.writeString(VR_NAMES[vr.ordinal()]);
      if (value instanceof BulkDataRef || value instanceof Fragments
          || vr.isBulk() && value instanceof byte[]) {
        writeBulk(attrs, tag, vr, value);
      } else if (value != null) {
        byte[] raw = value instanceof byte[] b ? b : null;
        writeValues(attrs, tag, vr, raw, raw == null ? (String) value : null);
      }
    }
    gen.writeEndObject();
  }

  private void writeItems(int tag, Sequence seq) throws IOException {
    if (seq.isEmpty()) {
      return;
    }
    gen.writeFieldName(VALUE);
    gen.writeStartArray();
    int mark = itemPath.length();
    for (int k = 0; k < seq.size(); k++) {
      itemPath.append(hex(tag)).append('/').append(k + 1).append('/');
      writeObject(seq.get(k));
      itemPath.setLength(mark);
    }
    gen.writeEndArray();
  }

  /**
   * Writes "Value" for an element held as raw bytes or as a String: nothing if it holds no
   * value once padding is trimmed (F.2.5).
   */
  private void writeValues(Attributes attrs, int tag, VR vr, byte[] raw, String text)
      throws IOException {
    if (vr.isString()) {
      String s = text != null ? text : ValueCodec.decode(raw, vr, attrs.specificCharacterSet());
      writeStrings(vr, ValueCodec.split(s, vr));
    } else {
      byte[] b = raw != null ? raw : attrs.getBytes(tag);
      int n = ValueCodec.count(b, vr);
      if (n > 0) {
        gen.writeFieldName(VALUE);
        gen.writeStartArray();
        for (int k = 0; k < n; k++) {
          writeBinaryValue(b, vr, k, attrs.bigEndian());
        }
        gen.writeEndArray();
      }
    }
  }

  private void writeStrings(VR vr, String[] values) throws IOException {
    if (values.length == 0) {
      return;
    }
    gen.writeFieldName(VALUE);
    gen.writeStartArray();
    for (String v : values) {
      if (v.isEmpty()) {
        gen.writeNull();
      } else if (vr == VR.PN) {
        writePersonName(v);
      } else if (vr.isJsonNumber()) {
        String number = JsonNumbers.toJsonNumber(v);
        if (number != null) {
          gen.writeNumber(number);
        } else {
          gen.writeString(v);
        }
      } else {
        gen.writeString(v);
      }
    }
    gen.writeEndArray();
  }

  /** One PN value as an object of its non-empty component groups (F.2.2). */
  private void writePersonName(String v) throws IOException {
    gen.writeStartObject();
    int start = 0;
    for (int g = 0; g < PN_GROUPS.length && start <= v.length(); g++) {
      int end = g == PN_GROUPS.length - 1 ? -1 : v.indexOf('=', start);
      if (end < 0) {
        end = v.length();
      }
      if (end > start) {
        gen.writeFieldName(PN_GROUPS[g]);
        gen.writeString(v.substring(start, end));
      }
      start = end + 1;
    }
    gen.writeEndObject();
  }

  private void writeBinaryValue(byte[] b, VR vr, int k, boolean bigEndian) throws IOException {
    if (vr == VR.AT) {
      gen.writeString(hex(EndianBytes.getTag(b, k * 4, bigEndian)));
    } else if (vr == VR.FL) {
      float f = Float.intBitsToFloat(EndianBytes.getInt(b, k * 4, bigEndian));
      if (Float.isFinite(f)) {
        gen.writeNumber(f);
      } else {
        gen.writeString(JsonNumbers.nonFinite(f));
      }
    } else if (vr == VR.FD) {
      double d = ValueCodec.getDouble(b, vr, k, bigEndian);
      if (Double.isFinite(d)) {
        gen.writeNumber(d);
      } else {
        gen.writeString(JsonNumbers.nonFinite(d));
      }
    } else {
      long v = ValueCodec.getLong(b, vr, k, bigEndian);
      boolean unsigned = vr == VR.UV;
      if (vr.bytesPerValue() < 8 || JsonNumbers.isSafeInteger(v, unsigned)) {
        gen.writeNumber(v);
      } else {
        gen.writeString(unsigned ? Long.toUnsignedString(v) : Long.toString(v));
      }
    }
  }

  /** An OB, OD, OF, OL, OV, OW or UN value, fragments, or a reference: URI or inline (F.2.6/7). */
  private void writeBulk(Attributes attrs, int tag, VR vr, Object value) throws IOException {
    if (value instanceof byte[] b && b.length == 0) {
      return;
    }
    String uri = bulkData.uriFor(itemPath + hex(tag), vr, value);
    if (uri != null) {
      gen.writeFieldName(BULK_DATA_URI);
      gen.writeString(uri);
    } else if (value instanceof byte[] b) {
      byte[] le = b;
      if (attrs.bigEndian() && vr.swapUnit() > 1) {
        le = b.clone();
        EndianBytes.swap(le, 0, le.length, vr.swapUnit());
      }
      gen.writeFieldName(INLINE_BINARY);
      gen.writeBinary(BASE64, le, 0, le.length);
    } else if (value instanceof Fragments f) {
      writeInline(BulkDataInput.encapsulated(f), BulkDataInput.encapsulatedLength(f));
    } else {
      writeReferenced(attrs, tag, vr, (BulkDataRef) value);
    }
  }

  private void writeReferenced(Attributes attrs, int tag, VR vr, BulkDataRef ref)
      throws IOException {
    if (!ref.isFile()) {
      gen.writeFieldName(BULK_DATA_URI);
      gen.writeString(ref.uri());
    } else if (vr.isBulk()) {
      InputStream in = BulkDataInput.open(ref);
      writeInline(attrs.bigEndian() ? BulkDataInput.swapped(in, vr.swapUnit()) : in,
          BulkDataInput.length(ref));
    } else {
      byte[] raw;
      try (InputStream in = BulkDataInput.open(ref)) {
        raw = in.readAllBytes();
      }
      writeValues(attrs, tag, vr, raw, null);
    }
  }

  private void writeInline(InputStream in, long length) throws IOException {
    gen.writeFieldName(INLINE_BINARY);
    try (in) {
      gen.writeBinary(BASE64, in, length <= Integer.MAX_VALUE ? (int) length : -1);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** The tag as the 8 upper-case hex digits of a DICOM JSON key (F.2.2) or AT value (F.2.3). */
  static String hex(int tag) {
    char[] c = new char[8];
    for (int i = 7; i >= 0; i--, tag >>>= 4) {
      c[i] = HEX[tag & 0xF];
    }
    return new String(c);
  }
}

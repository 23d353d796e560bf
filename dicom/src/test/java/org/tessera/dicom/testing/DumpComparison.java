package org.tessera.dicom.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.tessera.dicom.data.Attributes;
import org.tessera.dicom.data.BulkDataRef;
import org.tessera.dicom.data.Fragments;
import org.tessera.dicom.data.Sequence;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.data.VR;
import org.tessera.dicom.dict.ElementDictionary;
import org.tessera.dicom.testing.Dcmdump.Element;
import org.tessera.dicom.testing.Dcmdump.Node;

/**
 * Compares what dcmdump printed with a data set of ours, element by element and item by item,
 * for {@link Dcmdump.Dump#differences(Attributes)}. Text is compared as the values of its VR
 * (split at backslashes, padding trimmed), binary values as bytes in the data set's byte order,
 * floating point values with a tolerance, sequences by item count, length encoding and items.
 */
final class DumpComparison {
  /** Not compared: +U8 rewrites (0008,0005); the writer computes the group length itself. */
  private static final Set<Integer> NOT_COMPARED =
      Set.of(Tag.SpecificCharacterSet, Tag.FileMetaInformationGroupLength);

  private DumpComparison() {}

  static void compare(Node dumped, Attributes ours, boolean implicitVr, List<String> out) {
    List<Integer> theirs = new ArrayList<>(dumped.elements().stream().map(Element::tag).toList());
    theirs.removeIf(tag -> dumped.path().isEmpty() && NOT_COMPARED.contains(tag));
    for (int i = 0; i < ours.size(); i++) {
      int tag = ours.tagAt(i);
      if (dumped.path().isEmpty() && NOT_COMPARED.contains(tag)) {
        continue;
      }
      Element e = dumped.get(tag);
      theirs.remove((Integer) tag);
      String where = (dumped.path().isEmpty() ? "" : dumped.path() + "/") + Tag.toString(tag);
      if (e == null) {
        out.add(where + " " + ours.vrAt(i) + ": dcmdump does not show it");
      } else if (!sameVr(e, ours.vrAt(i), implicitVr)) {
        out.add(where + ": VR " + ours.vrAt(i) + ", dcmdump says " + e.vr());
      } else {
        compareValue(e, ours, i, implicitVr, out, where);
      }
    }
    for (int tag : theirs) {
      out.add(dumped.get(tag).path() + ": only dcmdump shows it: " + dumped.get(tag));
    }
  }

  private static boolean sameVr(Element e, VR ours, boolean implicitVr) {
    if (e.vr().equals(ours.name()) || e.items() != null && ours == VR.SQ) {
      return true;
    }
    if (implicitVr && e.vr().equals("??") && Tag.isPrivate(e.tag())) {
      return true; // DCMTK's VR for a private element it does not know, compared as bytes
    }
    ElementDictionary.Entry entry = ElementDictionary.standard().entry(e.tag());
    return implicitVr && entry != null && entry.alternativeVr() != null
        && List.of(entry.vr().name(), entry.alternativeVr().name()).containsAll(
            List.of(e.vr(), ours.name()));
  }

  private static void compareValue(Element e, Attributes ours, int i, boolean implicitVr,
      List<String> out, String where) {
    Object value = ours.valueAt(i);
    VR vr = ours.vrAt(i);
    boolean unknownToDcmtk = e.vr().equals("??");
    if (value instanceof Sequence seq) {
      compareSequence(e, seq, implicitVr, out, where);
    } else if (value instanceof Fragments fragments) {
      List<byte[]> mine = new ArrayList<>();
      fragments.forEach(f -> mine.add(even(bulk(f), 0)));
      List<byte[]> theirs = e.fragments() == null ? List.of() : e.fragments();
      if (mine.size() != theirs.size() || !IntStream.range(0, mine.size())
          .allMatch(k -> Arrays.equals(mine.get(k), theirs.get(k)))) {
        out.add(where + ": fragments differ from dcmdump's " + e);
      }
    } else if (vr.isString() && !unknownToDcmtk) {
      List<String> mine = Arrays.asList(ours.getStrings(ours.tagAt(i)));
      if (!mine.equals(strings(e, vr))) {
        out.add(where + " " + vr + ": " + mine + ", dcmdump shows " + e.printed());
      }
    } else if (vr.isFloatingPoint() && !unknownToDcmtk) {
      double[] mine = floats(ours.getBytes(ours.tagAt(i)), vr.bytesPerValue(), ours.bigEndian());
      double[] theirs = e.binaryValues().stream().mapToDouble(Double::parseDouble).toArray();
      if (!close(mine, theirs, vr.bytesPerValue() == 4 ? 1e-7 : 1e-15)) {
        out.add(where + " " + vr + ": " + Arrays.toString(mine) + ", dcmdump shows "
            + e.printed());
      }
    } else {
      byte[] mine = even(value instanceof BulkDataRef ref ? bulk(ref)
          : ours.getBytes(ours.tagAt(i)), vr.paddingByte());
      byte[] theirs = binary(e, ours.bigEndian());
      if (!Arrays.equals(mine, theirs)) {
        out.add(where + " " + vr + ": " + abbreviate(mine) + ", dcmdump shows "
            + abbreviate(theirs) + " (" + e.printed() + ")");
      }
    }
  }

  private static void compareSequence(Element e, Sequence seq, boolean implicitVr,
      List<String> out, String where) {
    if (e.items() == null || e.items().size() != seq.size()) {
      out.add(where + ": " + seq.size() + " items, dcmdump shows " + e);
      return;
    }
    if (seq.undefinedLength() != (e.length() == -1)) {
      out.add(where + ": undefined length " + seq.undefinedLength() + ", dcmdump: " + e);
    }
    for (int k = 0; k < seq.size(); k++) {
      Node item = e.items().get(k);
      if (item.undefinedLength() != seq.get(k).undefinedLength()) {
        out.add(item.path() + ": item undefined length " + seq.get(k).undefinedLength()
            + ", dcmdump: " + item.undefinedLength());
      }
      compare(item, seq.get(k), implicitVr, out);
    }
  }

  /** The values of a text element as our getStrings gives them: split, trimmed, [] if empty. */
  private static List<String> strings(Element e, VR vr) {
    String text = e.text();
    if (text == null) {
      return null;
    }
    String[] values = vr.isMultiValuedString() ? text.split("\\\\", -1) : new String[] {text};
    List<String> trimmed = Arrays.stream(values).map(vr::trim).toList();
    return trimmed.size() == 1 && trimmed.get(0).isEmpty() ? List.of() : trimmed;
  }

  private static double[] floats(byte[] raw, int width, boolean bigEndian) {
    ByteBuffer b = ByteBuffer.wrap(raw).order(bigEndian ? ByteOrder.BIG_ENDIAN
        : ByteOrder.LITTLE_ENDIAN);
    double[] v = new double[raw.length / width];
    for (int k = 0; k < v.length; k++) {
      v[k] = width == 4 ? b.getFloat() : b.getDouble();
    }
    return v;
  }

  /**
   * Equal within a relative tolerance: DCMTK prints floating point values with 9 or 17
   * significant digits but not always the nearest ones (1e300 comes out as
   * 1.0000000000000007e+300), and -0 as 0.
   */
  private static boolean close(double[] a, double[] b, double tolerance) {
    if (a.length != b.length) {
      return false;
    }
    for (int k = 0; k < a.length; k++) {
      if (Math.abs(a[k] - b[k]) > tolerance * Math.max(Math.abs(a[k]), Math.abs(b[k]))) {
        return false;
      }
    }
    return true;
  }

  /** A binary value as printed, encoded in the given byte order. */
  private static byte[] binary(Element e, boolean bigEndian) {
    List<String> values = e.binaryValues();
    int width = switch (e.vr()) {
      case "OB", "UN", "??" -> 1; // ??: an unknown private element in implicit VR
      case "OW", "US", "SS", "AT" -> 2; // AT: two 16-bit numbers per value
      case "OL", "UL", "SL", "FL", "OF" -> 4;
      case "OV", "UV", "SV", "FD", "OD" -> 8;
      default -> throw new IllegalArgumentException("not a binary VR: " + e);
    };
    ByteBuffer b = ByteBuffer.allocate(values.size() * width * (e.vr().equals("AT") ? 2 : 1))
        .order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    for (String v : values) {
      switch (e.vr()) {
        case "OB", "UN", "??" -> b.put((byte) Integer.parseInt(v, 16));
        case "OW" -> b.putShort((short) Integer.parseInt(v, 16));
        case "US", "SS" -> b.putShort((short) Integer.parseInt(v));
        case "AT" -> b.putShort((short) Integer.parseInt(v.substring(1, 5), 16))
            .putShort((short) Integer.parseInt(v.substring(6, 10), 16));
        case "OL", "UL", "SL" -> b.putInt((int) Long.parseLong(v));
        case "FL", "OF" -> b.putFloat(Float.parseFloat(v));
        case "OV", "UV" -> b.putLong(Long.parseUnsignedLong(v));
        case "SV" -> b.putLong(Long.parseLong(v));
        default -> b.putDouble(Double.parseDouble(v));
      }
    }
    return b.array();
  }

  private static byte[] bulk(Object fragment) {
    if (fragment instanceof byte[] b) {
      return b;
    }
    BulkDataRef ref = (BulkDataRef) fragment;
    try (FileChannel ch = FileChannel.open(ref.path())) {
      ByteBuffer b = ByteBuffer.allocate((int) ref.length());
      while (b.hasRemaining() && ch.read(b, ref.offset() + b.position()) > 0) {
        // reads until full
      }
      return b.array();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] even(byte[] b, int pad) {
    if ((b.length & 1) == 0) {
      return b;
    }
    byte[] padded = Arrays.copyOf(b, b.length + 1);
    padded[b.length] = (byte) pad;
    return padded;
  }

  private static String abbreviate(byte[] b) {
    return b.length <= 16 ? HexFormat.ofDelimiter(" ").formatHex(b)
        : HexFormat.ofDelimiter(" ").formatHex(b, 0, 16) + "... (" + b.length + " bytes)";
  }
}

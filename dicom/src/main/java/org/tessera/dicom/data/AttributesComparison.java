package org.tessera.dicom.data;

import java.util.Arrays;
import org.tessera.dicom.internal.ValueCodec;

/** Value equality of data sets, independent of how each value happens to be held. */
final class AttributesComparison {
  private AttributesComparison() {}

  static boolean equal(Attributes a, Attributes b) {
    if (a.size() != b.size() || a.bigEndian() != b.bigEndian()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (a.tagAt(i) != b.tagAt(i) || a.vrAt(i) != b.vrAt(i)
          || !equalValues(a, b, a.vrAt(i), a.valueAt(i), b.valueAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean equalValues(Attributes a, Attributes b, VR vr, Object x, Object y) {
    if (Attributes.isEmptyValue(x) || Attributes.isEmptyValue(y)) {
      return Attributes.isEmptyValue(x) && Attributes.isEmptyValue(y);
    }
    if (x instanceof Sequence sx) {
      return y instanceof Sequence sy && sx.size() == sy.size() && sx.equals(sy);
    }
    if (x instanceof Fragments fx) {
      if (!(y instanceof Fragments fy) || fx.size() != fy.size()) {
        return false;
      }
      for (int i = 0; i < fx.size(); i++) {
        if (!equalRaw(fx.get(i), fy.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (x instanceof BulkDataRef || y instanceof BulkDataRef) {
      return x.equals(y);
    }
    return Arrays.equals(encoded(a, vr, x), encoded(b, vr, y));
  }

  private static boolean equalRaw(Object x, Object y) {
    return x instanceof byte[] bx && y instanceof byte[] by ? Arrays.equals(bx, by) : x.equals(y);
  }

  private static byte[] encoded(Attributes owner, VR vr, Object v) {
    return v instanceof String s ? ValueCodec.encode(s, vr, owner.specificCharacterSet())
        : (byte[]) v;
  }
}

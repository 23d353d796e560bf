package org.tessera.dicom.data;

import org.tessera.dicom.dict.ElementDictionary;

/** The dcmdump-like text of {@link Attributes#toString()}. */
final class AttributesFormat {
  private static final int MAX_VALUE_CHARS = 64;

  private AttributesFormat() {}

  static String format(Attributes attrs, int maxLines) {
    StringBuilder sb = new StringBuilder();
    append(sb, attrs, "", maxLines);
    return sb.toString();
  }

  private static int append(StringBuilder sb, Attributes attrs, String indent, int lines) {
    for (int i = 0; i < attrs.size() && lines > 0; i++, lines--) {
      int tag = attrs.tagAt(i);
      VR vr = attrs.vrAt(i);
      Object v = attrs.valueAt(i);
      sb.append(indent).append(Tag.toString(tag)).append(' ').append(vr).append(' ');
      if (v instanceof Sequence seq) {
        sb.append("(").append(seq.size()).append(" items)");
      } else if (v instanceof Fragments f) {
        sb.append("(").append(f.size()).append(" fragments)");
      } else if (v instanceof BulkDataRef ref) {
        sb.append("<").append(ref.length()).append(" bytes at ").append(ref.offset()).append('>');
      } else if (vr.isBulk() && v instanceof byte[] b) {
        sb.append("<").append(b.length).append(" bytes>");
      } else {
        sb.append('[').append(abbreviate(String.join("\\", attrs.getStrings(tag)))).append(']');
      }
      String keyword = ElementDictionary.standard().keywordOf(tag);
      sb.append(' ').append(keyword == null ? "?" : keyword).append('\n');
      if (v instanceof Sequence seq) {
        for (int k = 0; k < seq.size() && lines > 0; k++) {
          sb.append(indent).append("  item ").append(k + 1).append('\n');
          lines = append(sb, seq.get(k), indent + "    ", lines - 1);
        }
      }
    }
    if (lines <= 0) {
      sb.append(indent).append("...\n");
    }
    return lines;
  }

  private static String abbreviate(String s) {
    return s.length() <= MAX_VALUE_CHARS ? s : s.substring(0, MAX_VALUE_CHARS) + "...";
  }
}

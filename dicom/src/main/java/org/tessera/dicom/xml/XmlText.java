package org.tessera.dicom.xml;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes DICOM text as XML 1.0 character data. The StAX writer escapes markup characters but
 * passes every other character through, so two cases are handled here:
 *
 * <ul>
 *   <li>Characters outside the {@code Char} production of XML 1.0 (section 2.2) — the C0 controls
 *       other than TAB, LF and CR, U+FFFE, U+FFFF and unpaired surrogates — would make the
 *       document malformed, and XML 1.0 has no escape for them. PS3.19 A.1 does not say what to
 *       do; they are replaced by U+FFFD REPLACEMENT CHARACTER, so a reader sees that something
 *       was there. DICOM allows only ESC, FF and the line controls in text (PS3.5 6.1.3), and
 *       ESC disappears when ISO 2022 text is decoded, so real data rarely meets this.
 *   <li>CR in character data is written as the reference {@code &#13;}: a parser turns a literal
 *       CR or CR LF into LF (XML 1.0 section 2.11), which would lose the CR LF line ends that
 *       PS3.5 6.2 prescribes for LT, ST and UT.
 * </ul>
 *
 * <p>Attribute values (privateCreator, uri) only get the replacement: an LO or a URI cannot hold
 * line controls, and a parser normalizes them to spaces in attributes anyway.
 */
final class XmlText {
  private static final char REPLACEMENT = '\uFFFD';
  private static final String CR_REFERENCE = "#13";

  private XmlText() {}

  /** Writes {@code text} as character data of the current element. */
  static void writeCharacters(XMLStreamWriter out, String text) throws XMLStreamException {
    int start = 0;
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (isPlain(c)) {
        continue;
      }
      if (Character.isHighSurrogate(c) && i + 1 < length
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
        continue;
      }
      if (i > start) {
        out.writeCharacters(text.substring(start, i));
      }
      if (c == '\r') {
        // the JDK writer emits "&" + name + ";", which is exactly a character reference
        out.writeEntityRef(CR_REFERENCE);
      } else {
        out.writeCharacters(String.valueOf(REPLACEMENT));
      }
      start = i + 1;
    }
    if (start == 0) {
      out.writeCharacters(text);
    } else if (start < length) {
      out.writeCharacters(text.substring(start));
    }
  }

  /** {@code value} with every character XML 1.0 cannot carry replaced by U+FFFD. */
  static String attributeValue(String value) {
    StringBuilder copy = null;
    int length = value.length();
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      boolean legal = isPlain(c) || c == '\r';
      if (!legal && Character.isHighSurrogate(c) && i + 1 < length
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        if (copy != null) {
          copy.append(c).append(value.charAt(i + 1));
        }
        i++;
        continue;
      }
      if (!legal && copy == null) {
        copy = new StringBuilder(length).append(value, 0, i);
      }
      if (copy != null) {
        copy.append(legal ? c : REPLACEMENT);
      }
    }
    return copy == null ? value : copy.toString();
  }

  /** A character XML 1.0 allows as it is, except CR and surrogates, which need a look. */
  private static boolean isPlain(char c) {
    return c >= 0x20 && c < 0xD800 || c == '\t' || c == '\n' || c >= 0xE000 && c <= 0xFFFD;
  }
}

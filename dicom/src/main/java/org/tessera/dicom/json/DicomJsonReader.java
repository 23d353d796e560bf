package org.tessera.dicom.json;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.tessera.dicom.data.Attributes;
import org.tessera.dicom.data.BulkDataRef;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.data.VR;

/**
 * Reads DICOM JSON Model objects (PS3.18 F.2) from a Jackson streaming parser into little-endian
 * {@link Attributes}, one data set per {@link #readDataset()} call: the elements of a top-level
 * array one by one, or a single top-level object. Only the data set being read is held in
 * memory.
 *
 * <p>Values become what the data set API would have set: strings (a PN object re-joined with
 * '=', null array entries as empty values between backslashes), DS and IS as the number text
 * exactly as written ("1.50" stays "1.50"), binary numbers encoded little endian, InlineBinary
 * as raw bytes, BulkDataURI as a {@link BulkDataRef} of unknown length, sequences as items.
 * InlineBinary of Pixel Data that is a complete PS3.5 A.4 item sequence (as
 * {@link DicomJsonWriter} writes encapsulated Pixel Data) becomes fragments.
 *
 * <p>JSON text is Unicode and the model's default repertoire is ISO_IR 192 (F.2). A data set
 * with non-ASCII text in a VR the character set applies to and no (or an empty) Specific
 * Character Set (0008,0005) gets "ISO_IR 192", so it encodes correctly in Part 10; one that
 * names its source character set keeps it (F.2.2 note 3).
 *
 * <p>The reader accepts what the standard's producers vary in: any key order inside an element,
 * lower-case hex in keys, DS/IS/SV/UV values as strings, PN values as plain strings, InlineBinary
 * for binary numeric VRs (F.2.7) and BulkDataURI for any VR but SQ. Unknown keys inside an
 * element are skipped. Everything else that is wrong raises a {@link DicomJsonException} naming
 * the element. The parser's {@code StreamReadConstraints} bound string lengths, so callers that
 * accept large InlineBinary values must raise {@code maxStringLength}.
 */
public final class DicomJsonReader {
  /** Deepest nesting of sequences accepted, as a bound against hostile input. */
  public static final int MAX_DEPTH = 64;

  private static final Base64Variant BASE64 = Base64Variants.MIME_NO_LINEFEEDS
      .withPaddingAllowed();

  private final JsonParser parser;
  private boolean started;
  private boolean inArray;
  private boolean done;
  private final ElementPath path = new ElementPath(MAX_DEPTH + 1);
  private boolean nonAscii;

  /**
   * @param parser where the JSON comes from, positioned before the top-level array or object;
   *     the reader never closes it. After a {@link DicomJsonException} the reader is unusable.
   */
  public DicomJsonReader(JsonParser parser) {
    this.parser = Objects.requireNonNull(parser, "parser");
  }

  /**
   * The next data set, or null when there are no more: after the last element of a top-level
   * array, after a single top-level object, or at the end of an empty input.
   *
   * @throws DicomJsonException if the JSON is malformed or is not the DICOM JSON Model
   */
  public Attributes readDataset() throws IOException {
    path.clear();
    try {
      return next();
    } catch (JsonProcessingException e) {
      throw path.exception("malformed JSON: " + e.getOriginalMessage(), e.getLocation());
    }
  }

  private Attributes next() throws IOException {
    if (done) {
      return null;
    }
    JsonToken t = parser.nextToken();
    if (!started) {
      started = true;
      if (t == JsonToken.START_ARRAY) {
        inArray = true;
        t = parser.nextToken();
      } else if (t == JsonToken.START_OBJECT) {
        done = true;
      } else if (t == null) {
        done = true;
        return null;
      }
    }
    if (inArray && t == JsonToken.END_ARRAY) {
      done = true;
      return null;
    }
    if (t != JsonToken.START_OBJECT) {
      throw fail("expected a data set object, found " + describe(t));
    }
    nonAscii = false;
    Attributes dataset = new Attributes(false, 64);
    readObject(dataset, null);
    if (nonAscii) {
      String[] cs = dataset.getStrings(Tag.SpecificCharacterSet);
      if (cs == null || cs.length == 0) {
        dataset.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
      }
    }
    return dataset;
  }

  /** Reads the members of an object whose START_OBJECT is current (or whose first key is). */
  private void readObject(Attributes target, String firstKey) throws IOException {
    String key = firstKey;
    if (key == null) {
      key = parser.nextToken() == JsonToken.FIELD_NAME ? parser.currentName() : null;
    }
    while (key != null) {
      int tag = parseTag(key);
      if (path.isFull()) {
        throw fail("sequences nest deeper than " + MAX_DEPTH + " levels");
      }
      path.push(tag);
      JsonToken t = parser.nextToken();
      if (t != JsonToken.START_OBJECT) {
        throw fail("expected an attribute object {\"vr\": ...}, found " + describe(t));
      }
      readElement(target, tag);
      path.pop();
      key = parser.nextToken() == JsonToken.FIELD_NAME ? parser.currentName() : null;
    }
  }

  private int parseTag(String key) throws IOException {
    if (!isTagKey(key)) {
      throw fail("key \"" + key + "\" is not a tag (8 hex digits, e.g. \"00100010\")");
    }
    return Integer.parseUnsignedInt(key, 16);
  }

  private static boolean isTagKey(String key) {
    if (key.length() != 8) {
      return false;
    }
    for (int i = 0; i < 8; i++) {
      char c = key.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'F' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  /** Reads one attribute object (its START_OBJECT is current) and sets it on {@code target}. */
  private void readElement(Attributes target, int tag) throws IOException {
    VR vr = null;
    List<Object> values = null;
    byte[] inline = null;
    String uri = null;
    int valueFields = 0;
    for (JsonToken t = parser.nextToken(); t == JsonToken.FIELD_NAME; t = parser.nextToken()) {
      String name = parser.currentName();
      JsonToken v = parser.nextToken();
      switch (name) {
        case "vr" -> vr = readVr(v);
        case "Value" -> {
          values = readValues(v);
          valueFields++;
        }
        case "InlineBinary" -> {
          inline = readInlineBinary(v);
          valueFields++;
        }
        case "BulkDataURI" -> {
          uri = readString(v, "BulkDataURI");
          valueFields++;
        }
        default -> parser.skipChildren();
      }
    }
    if (vr == null) {
      throw fail("has no \"vr\"");
    }
    if (valueFields > 1) {
      throw fail("has more than one of \"Value\", \"InlineBinary\" and \"BulkDataURI\"");
    }
    set(target, tag, vr, values, inline, uri);
  }

  private void set(Attributes target, int tag, VR vr, List<Object> values, byte[] inline,
      String uri) throws IOException {
    try {
      if (values != null) {
        nonAscii |= JsonValues.set(target, tag, vr, values);
      } else if (inline != null) {
        JsonValues.setInline(target, tag, vr, inline);
      } else if (uri != null) {
        JsonValues.setBulkDataUri(target, tag, vr, uri);
      } else {
        JsonValues.setEmpty(target, tag, vr);
      }
    } catch (JsonValues.BadValueException | IllegalArgumentException e) {
      throw fail(vr + ": " + e.getMessage());
    }
  }

  private VR readVr(JsonToken t) throws IOException {
    String code = readString(t, "vr");
    VR vr = code.length() == 2 ? VR.ofCode(code.charAt(0) << 8 | code.charAt(1)) : null;
    if (vr == null) {
      throw fail("unknown VR \"" + code + "\"");
    }
    return vr;
  }

  private String readString(JsonToken t, String field) throws IOException {
    if (t != JsonToken.VALUE_STRING) {
      throw fail("\"" + field + "\" is " + describe(t) + ", not a string");
    }
    return parser.getText();
  }

  private byte[] readInlineBinary(JsonToken t) throws IOException {
    if (t != JsonToken.VALUE_STRING) {
      throw fail("\"InlineBinary\" is " + describe(t) + ", not a string");
    }
    try {
      return parser.getBinaryValue(BASE64);
    } catch (JsonProcessingException e) {
      throw fail("InlineBinary is not base64: " + e.getOriginalMessage());
    }
  }

  /**
   * The entries of a "Value" array as the reader met them, before it knows the VR (the key
   * order of an attribute object is free): null, a String, a {@link JsonValues.NumberText}, a
   * {@link JsonValues.PersonName}, an item's {@link Attributes}, or {@link JsonValues#EMPTY}
   * for "{}", which is an empty item or an empty name.
   */
  private List<Object> readValues(JsonToken t) throws IOException {
    if (t != JsonToken.START_ARRAY) {
      throw fail("\"Value\" is " + describe(t) + ", not an array");
    }
    List<Object> values = new ArrayList<>(4);
    for (t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
      switch (t) {
        case VALUE_NULL -> values.add(null);
        case VALUE_STRING -> values.add(parser.getText());
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> values.add(
            new JsonValues.NumberText(parser.getText()));
        case START_OBJECT -> values.add(readObjectValue(values.size() + 1));
        default -> throw fail("Value[" + values.size() + "] is " + describe(t));
      }
    }
    return values;
  }

  /** A Person Name object (F.2.2) or a sequence item, told apart by their keys. */
  private Object readObjectValue(int itemNumber) throws IOException {
    if (parser.nextToken() != JsonToken.FIELD_NAME) {
      return JsonValues.EMPTY;
    }
    String key = parser.currentName();
    if (JsonValues.PersonName.groupIndex(key) >= 0) {
      return readPersonName(key);
    }
    if (!isTagKey(key)) {
      throw fail("Value[" + (itemNumber - 1) + "] has the key \"" + key + "\", neither a tag of a"
          + " sequence item nor a Person Name component group (Alphabetic, Ideographic,"
          + " Phonetic)");
    }
    Attributes item = new Attributes(false, 16);
    path.item(itemNumber);
    readObject(item, key);
    path.item(0);
    return item;
  }

  private JsonValues.PersonName readPersonName(String firstKey) throws IOException {
    String[] groups = new String[3];
    for (String key = firstKey; key != null;
        key = parser.nextToken() == JsonToken.FIELD_NAME ? parser.currentName() : null) {
      int g = JsonValues.PersonName.groupIndex(key);
      if (g < 0) {
        throw fail("\"" + key + "\" is not a Person Name component group (Alphabetic,"
            + " Ideographic or Phonetic)");
      }
      JsonToken t = parser.nextToken();
      groups[g] = t == JsonToken.VALUE_NULL ? null : readString(t, key);
    }
    return new JsonValues.PersonName(groups);
  }

  private DicomJsonException fail(String problem) {
    return path.exception(problem, parser.currentTokenLocation());
  }

  private static String describe(JsonToken t) {
    if (t == null) {
      return "the end of the input";
    }
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> t.asString() != null ? "'" + t.asString() + "'" : t.name();
    };
  }
}

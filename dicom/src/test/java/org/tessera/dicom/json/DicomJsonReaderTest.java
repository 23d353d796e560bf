package org.tessera.dicom.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tessera.dicom.json.JsonSupport.fromJson;
import static org.tessera.dicom.json.JsonSupport.json;
import static org.tessera.dicom.json.JsonSupport.readAll;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tessera.dicom.data.Attributes;
import org.tessera.dicom.data.BulkDataRef;
import org.tessera.dicom.data.Fragments;
import org.tessera.dicom.data.Sequence;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.data.VR;

class DicomJsonReaderTest {

  /** The example of PS3.18 F.4 (first of its two results, second abridged). */
  static final String PS3_18_F4 = """
      [
        {
          "00080005": { "vr": "CS", "Value": [ "ISO_IR 192" ] },
          "00080020": { "vr": "DA", "Value": [ "20130409" ] },
          "00080030": { "vr": "TM", "Value": [ "131600.0000" ] },
          "00080050": { "vr": "SH", "Value": [ "11235813" ] },
          "00080056": { "vr": "CS", "Value": [ "ONLINE" ] },
          "00080061": { "vr": "CS", "Value": [ "CT", "PET" ] },
          "00080090": { "vr": "PN", "Value": [ { "Alphabetic": "^Bob^^Dr." } ] },
          "00081190": {
            "vr": "UR",
            "Value": [ "http://wado.nema.org/studies/1.2.392.200036.9116.2.2.2.1762893313.1029997326.945873" ]
          },
          "00090010": { "vr": "LO", "Value": [ "Vendor A" ] },
          "00091002": { "vr": "UN", "InlineBinary": "z0x9c8v7" },
          "00100010": {
            "vr": "PN",
            "Value": [ { "Alphabetic": "Wang^XiaoDong", "Ideographic": "王^小東" } ]
          },
          "00100020": { "vr": "LO", "Value": [ "12345" ] },
          "00100021": { "vr": "LO", "Value": [ "Hospital A" ] },
          "00100030": { "vr": "DA", "Value": [ "19670701" ] },
          "00100040": { "vr": "CS", "Value": [ "M" ] },
          "00101002": {
            "vr": "SQ",
            "Value": [
              {
                "00100020": { "vr": "LO", "Value": [ "54321" ] },
                "00100021": { "vr": "LO", "Value": [ "Hospital B" ] }
              },
              {
                "00100020": { "vr": "LO", "Value": [ "24680" ] },
                "00100021": { "vr": "LO", "Value": [ "Hospital C" ] }
              }
            ]
          },
          "0020000D": {
            "vr": "UI",
            "Value": [ "1.2.392.200036.9116.2.2.2.1762893313.1029997326.945873" ]
          },
          "00201206": { "vr": "IS", "Value": [ 4 ] },
          "00201208": { "vr": "IS", "Value": [ 942 ] }
        },
        {
          "00080005": { "vr": "CS", "Value": [ "ISO_IR 192" ] },
          "00100010": {
            "vr": "PN",
            "Value": [ { "Alphabetic": "Wang^XiaoDong", "Ideographic": "王^小東" } ]
          },
          "00101002": {
            "vr": "SQ",
            "Value": [
              {
                "00100020": { "vr": "LO", "Value": [ "54321" ] },
                "00100021": { "vr": "LO", "Value": [ "Hospital B2" ] }
              }
            ]
          },
          "0020000D": {
            "vr": "UI",
            "Value": [ "1.2.392.200036.9116.2.2.2.2162893313.1029997326.945876" ]
          },
          "00201206": { "vr": "IS", "Value": [ 5 ] },
          "00201208": { "vr": "IS", "Value": [ 1000 ] }
        }
      ]
      """;

  @Test
  void readsTheStandardsExample() throws IOException {
    List<Attributes> results = readAll(PS3_18_F4);

    assertThat(results).hasSize(2);
    Attributes first = results.get(0);
    assertThat(first.size()).isEqualTo(19);
    assertThat(first.getString(Tag.SpecificCharacterSet)).isEqualTo("ISO_IR 192");
    assertThat(first.getString(Tag.StudyDate)).isEqualTo("20130409");
    assertThat(first.getString(Tag.StudyTime)).isEqualTo("131600.0000");
    assertThat(first.getStrings(Tag.ModalitiesInStudy)).containsExactly("CT", "PET");
    assertThat(first.getString(Tag.ReferringPhysicianName)).isEqualTo("^Bob^^Dr.");
    assertThat(first.getString(Tag.RetrieveURL)).startsWith("http://wado.nema.org/studies/");
    assertThat(first.vrOf(0x00091002)).isEqualTo(VR.UN);
    assertThat(first.getBytes(0x00091002)).containsExactly(
        java.util.Base64.getDecoder().decode("z0x9c8v7"));
    assertThat(first.getString(Tag.PatientName)).isEqualTo("Wang^XiaoDong=王^小東");
    assertThat(first.getPersonName(Tag.PatientName).ideographic().family()).isEqualTo("王");
    assertThat(first.getString(Tag.PatientBirthDate)).isEqualTo("19670701");
    Sequence other = first.getSequence(Tag.OtherPatientIDsSequence);
    assertThat(other).hasSize(2);
    assertThat(other.get(0).getString(Tag.IssuerOfPatientID)).isEqualTo("Hospital B");
    assertThat(other.get(1).getString(Tag.PatientID)).isEqualTo("24680");
    assertThat(other.get(1).parent()).isSameAs(first);
    assertThat(first.getInt(Tag.NumberOfStudyRelatedSeries, 0)).isEqualTo(4);
    assertThat(first.getInt(Tag.NumberOfStudyRelatedInstances, 0)).isEqualTo(942);
    assertThat(results.get(1).getSequence(Tag.OtherPatientIDsSequence).get(0)
        .getString(Tag.IssuerOfPatientID)).isEqualTo("Hospital B2");
    assertThat(results.get(1).getInt(Tag.NumberOfStudyRelatedInstances, 0)).isEqualTo(1000);
  }

  @Test
  void readsASingleObjectAndThenNothing() throws IOException {
    Attributes ds = fromJson(json("{'00100020':{'vr':'LO','Value':['1']}}"));

    assertThat(ds.getString(Tag.PatientID)).isEqualTo("1");
    assertThat(readAll("[]")).isEmpty();
    assertThat(readAll("")).isEmpty();
  }

  @Test
  void keepsNumberTextOfDecimalAndIntegerStrings() throws IOException {
    Attributes ds = fromJson(json("{'00280030':{'vr':'DS','Value':[1.50,-0.0e-5,'2.0',null]},"
        + "'00200013':{'vr':'IS','Value':['007']}}"));

    assertThat(ds.getValue(Tag.PixelSpacing)).isEqualTo("1.50\\-0.0e-5\\2.0\\");
    assertThat(ds.getString(Tag.InstanceNumber)).isEqualTo("007");
  }

  @Test
  void readsBinaryNumbersLittleEndian() throws IOException {
    Attributes ds = fromJson(json("{"
        + "'00280010':{'vr':'US','Value':[512,65535]},"
        + "'00280106':{'vr':'SS','Value':[-32768]},"
        + "'0062000B':{'vr':'UL','Value':[4294967295]},"
        + "'00720082':{'vr':'SV','Value':['-9223372036854775808',12.0]},"
        + "'00720083':{'vr':'UV','Value':['18446744073709551615',1e3]},"
        + "'00089459':{'vr':'FL','Value':[0.1,'NaN','-Infinity','inf']},"
        + "'00720074':{'vr':'FD','Value':[0.1,1E300]},"
        + "'00209165':{'vr':'AT','Value':['0020000d','7FE00010']}}"));

    assertThat(ds.getBytes(Tag.Rows)).containsExactly(0x00, 0x02, 0xFF, 0xFF);
    assertThat(ds.getInts(Tag.SmallestImagePixelValue)).containsExactly(-32768);
    assertThat(ds.getLongs(Tag.ReferencedSegmentNumber)).containsExactly(4294967295L);
    assertThat(ds.getLongs(Tag.SelectorSVValue)).containsExactly(Long.MIN_VALUE, 12);
    assertThat(ds.getLongs(Tag.SelectorUVValue)).containsExactly(-1L, 1000);
    assertThat(ds.getDoubles(Tag.RecommendedDisplayFrameRateInFloat)).containsExactly(
        (double) 0.1f, Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    assertThat(ds.getDoubles(Tag.SelectorFDValue)).containsExactly(0.1, 1e300);
    assertThat(ds.getStrings(Tag.DimensionIndexPointer)).containsExactly("0020000D", "7FE00010");
  }

  @Test
  void readsNullsAsEmptyValuesAndEmptyObjectsAsEmptyItems() throws IOException {
    Attributes ds = fromJson(json("{"
        + "'00080008':{'vr':'CS','Value':['A',null,'C']},"
        + "'00081115':{'vr':'SQ','Value':[{},{'00081150':{'vr':'UI','Value':['1.2']}}]},"
        + "'00100010':{'vr':'PN','Value':[null,{},{'Phonetic':'やまだ'}]},"
        + "'00100020':{'vr':'LO','Value':[null]},"
        + "'00100030':{'vr':'DA','Value':[]},"
        + "'00101002':{'vr':'SQ'}}"));

    assertThat(ds.getValue(Tag.ImageType)).isEqualTo("A\\\\C");
    assertThat(ds.getSequence(Tag.ReferencedSeriesSequence)).hasSize(2);
    assertThat(ds.getSequence(Tag.ReferencedSeriesSequence).get(0).isEmpty()).isTrue();
    assertThat(ds.getValue(Tag.PatientName)).isEqualTo("\\\\==やまだ");
    assertThat(ds.contains(Tag.PatientID)).isTrue();
    assertThat(ds.containsValue(Tag.PatientID)).isFalse();
    assertThat(ds.containsValue(Tag.PatientBirthDate)).isFalse();
    assertThat(ds.getSequence(Tag.OtherPatientIDsSequence)).isEmpty();
  }

  @Test
  void readsBulkDataUrisAsReferences() throws IOException {
    Attributes ds = fromJson(json("{"
        + "'00281201':{'vr':'OW','BulkDataURI':'https://pacs/bulk/1'},"
        + "'00720074':{'vr':'FD','BulkDataURI':'https://pacs/bulk/2'}}"));

    assertThat(ds.getBulkDataRef(Tag.RedPaletteColorLookupTableData))
        .isEqualTo(new BulkDataRef("https://pacs/bulk/1", 0, -1));
    assertThat(ds.vrOf(Tag.SelectorFDValue)).isEqualTo(VR.FD);
    assertThat(ds.getBulkDataRef(Tag.SelectorFDValue).uri()).isEqualTo("https://pacs/bulk/2");
  }

  @Test
  void readsAnItemSequenceInPixelDataAsFragments() throws IOException {
    // Basic Offset Table (empty), one fragment 01 02, Sequence Delimitation Item
    byte[] value = {(byte) 0xFE, (byte) 0xFF, 0x00, (byte) 0xE0, 0, 0, 0, 0,
        (byte) 0xFE, (byte) 0xFF, 0x00, (byte) 0xE0, 2, 0, 0, 0, 1, 2,
        (byte) 0xFE, (byte) 0xFF, (byte) 0xDD, (byte) 0xE0, 0, 0, 0, 0};
    String base64 = java.util.Base64.getEncoder().encodeToString(value);

    Attributes ds = fromJson(json("{'7FE00010':{'vr':'OB','InlineBinary':'" + base64 + "'}}"));
    Attributes notPixelData = fromJson(json("{'00420011':{'vr':'OB','InlineBinary':'" + base64
        + "'}}"));
    Attributes cutShort = fromJson(json("{'7FE00010':{'vr':'OB','InlineBinary':'"
        + java.util.Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(value, 18))
        + "'}}"));

    Fragments f = ds.getFragments(Tag.PixelData);
    assertThat(f).hasSize(2);
    assertThat((byte[]) f.get(0)).isEmpty();
    assertThat((byte[]) f.get(1)).containsExactly(1, 2);
    assertThat(notPixelData.getBytes(Tag.EncapsulatedDocument)).containsExactly(value);
    assertThat(cutShort.getBytes(Tag.PixelData)).hasSize(18);
  }

  @Test
  void acceptsWhatProducersVaryIn() throws IOException {
    Attributes ds = fromJson(json("{"
        + "'00100010':{'Value':['Doe^John'],'keyword':'PatientName','vr':'PN'},"
        + "'0020000d':{'vr':'UI','Value':['1.2.3']},"
        + "'00280010':{'vr':'US','InlineBinary':'AAI='},"
        + "'00091002':{'vr':'UN','InlineBinary':'AQID'}}"));

    assertThat(ds.getString(Tag.PatientName)).isEqualTo("Doe^John");
    assertThat(ds.getString(Tag.StudyInstanceUID)).isEqualTo("1.2.3");
    assertThat(ds.getInt(Tag.Rows, 0)).isEqualTo(512);
    assertThat(ds.getBytes(0x00091002)).containsExactly(1, 2, 3);
  }

  @Test
  void marksUnicodeTextAsUtf8WhenTheDataSetNamesNoCharacterSet() throws IOException {
    Attributes unicode = fromJson(json("{'00100010':{'vr':'PN','Value':[{'Alphabetic':"
        + "'Buc^Jérôme'}]}}"));
    Attributes nested = fromJson(json("{'00101002':{'vr':'SQ','Value':[{'00100021':{'vr':'LO',"
        + "'Value':['Hôpital']}}]}}"));
    Attributes named = fromJson(json("{'00080005':{'vr':'CS','Value':['ISO_IR 100']},"
        + "'00100010':{'vr':'PN','Value':[{'Alphabetic':'Buc^Jérôme'}]}}"));
    Attributes ascii = fromJson(json("{'00100010':{'vr':'PN','Value':[{'Alphabetic':'Doe'}]},"
        + "'00080100':{'vr':'SH','Value':['ü']}}"));
    Attributes notText = fromJson(json("{'00080100':{'vr':'CS','Value':['é']}}"));

    assertThat(unicode.getString(Tag.SpecificCharacterSet)).isEqualTo("ISO_IR 192");
    assertThat(unicode.getBytes(Tag.PatientName)).isEqualTo(
        "Buc^Jérôme".getBytes(StandardCharsets.UTF_8));
    assertThat(nested.getString(Tag.SpecificCharacterSet)).isEqualTo("ISO_IR 192");
    assertThat(named.getString(Tag.SpecificCharacterSet)).isEqualTo("ISO_IR 100");
    assertThat(named.getBytes(Tag.PatientName)).containsExactly(
        'B', 'u', 'c', '^', 'J', 0xE9, 'r', 0xF4, 'm', 'e');
    assertThat(ascii.getString(Tag.SpecificCharacterSet)).isEqualTo("ISO_IR 192");
    assertThat(notText.contains(Tag.SpecificCharacterSet)).isFalse();
  }

  @Test
  void readsTheSameWholeByteByByteAndInRandomPieces() throws IOException {
    byte[] input = PS3_18_F4.getBytes(StandardCharsets.UTF_8);
    List<Attributes> whole = readAll(new ByteArrayInputStream(input));

    assertThat(readAll(new TricklingInputStream(input, null))).isEqualTo(whole);
    Random random = new Random(1);
    for (int run = 0; run < 20; run++) {
      assertThat(readAll(new TricklingInputStream(input, random))).isEqualTo(whole);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "key of 7 digits|{'0010001':{'vr':'PN'}}|key \"0010001\" is not a tag",
      "key not hex|{'0010001G':{'vr':'PN'}}|key \"0010001G\" is not a tag",
      "keyword as key|{'PatientName':{'vr':'PN'}}|key \"PatientName\" is not a tag",
      "unknown VR|{'00100010':{'vr':'XX'}}|(0010,0010): unknown VR \"XX\"",
      "VR not a string|{'00100010':{'vr':5}}|(0010,0010): \"vr\" is a number, not a string",
      "no VR|{'00100010':{'Value':['Doe']}}|(0010,0010): has no \"vr\"",
      "element not an object|{'00100010':'Doe'}|(0010,0010): expected an attribute object",
      "Value not an array|{'00100010':{'vr':'LO','Value':'Doe'}}|(0010,0010): \"Value\" is a "
          + "string, not an array",
      "number for a string VR|{'00100020':{'vr':'LO','Value':[12]}}|(0010,0020): LO: Value[0] is"
          + " the number 12; LO values are strings",
      "object for IS|{'00200013':{'vr':'IS','Value':[{'a':1}]}}|(0020,0013): Value[0] has the "
          + "key \"a\"",
      "string for US|{'00280010':{'vr':'US','Value':['abc']}}|(0028,0010): US: Value[0]: 'abc' "
          + "is not a number",
      "US out of range|{'00280010':{'vr':'US','Value':[70000]}}|(0028,0010): US: Value[0]: 70000"
          + " is outside the US range [0, 65535]",
      "SL fraction|{'00186020':{'vr':'SL','Value':[1.5]}}|(0018,6020): SL: Value[0]: 1.5 is not "
          + "an integer",
      "null binary|{'00280010':{'vr':'US','Value':[null]}}|(0028,0010): US: Value[0] is null",
      "boolean|{'00280010':{'vr':'US','Value':[true]}}|(0028,0010): Value[0] is a boolean",
      "FL overflow|{'00089459':{'vr':'FL','Value':[1e39]}}|(0008,9459): FL: Value[0] 1e39 is "
          + "beyond the FL range",
      "FD as text|{'00720074':{'vr':'FD','Value':['1.5']}}|(0072,0074): FD: Value[0] is the "
          + "string \"1.5\"",
      "bad AT|{'00209165':{'vr':'AT','Value':['xyz']}}|(0020,9165): AT: Value[0] \"xyz\" is not "
          + "a tag",
      "bad PN group|{'00100010':{'vr':'PN','Value':[{'Alphabetic':'A','Nick':'x'}]}}|(0010,0010):"
          + " \"Nick\" is not a Person Name component group",
      "PN group not text|{'00100010':{'vr':'PN','Value':[{'Alphabetic':1}]}}|(0010,0010): "
          + "\"Alphabetic\" is a number, not a string",
      "item where PN|{'00100010':{'vr':'PN','Value':[{'00100020':{'vr':'LO'}}]}}|(0010,0010): PN:"
          + " Value[0] is an object (a sequence item); PN values are Person Name objects",
      "PN where item|{'00081115':{'vr':'SQ','Value':[{'Alphabetic':'A'}]}}|(0008,1115): SQ: "
          + "Value[0] is a Person Name object; SQ values are items",
      "number where item|{'00081115':{'vr':'SQ','Value':[1]}}|(0008,1115): SQ: Value[0] is the "
          + "number 1",
      "two values for ST|{'00081030':{'vr':'ST','Value':['a','b']}}|(0008,1030): ST: is "
          + "single-valued, but Value has 2 entries",
      "Value for OB|{'00420011':{'vr':'OB','Value':[1]}}|(0042,0011): OB: takes InlineBinary or "
          + "BulkDataURI, not Value",
      "bad base64|{'7FE00010':{'vr':'OB','InlineBinary':'@@@@'}}|(7FE0,0010): InlineBinary is "
          + "not base64",
      "odd OW|{'7FE00010':{'vr':'OW','InlineBinary':'AQID'}}|(7FE0,0010): OW: InlineBinary of 3 "
          + "bytes holds no whole number of 2-byte values",
      "InlineBinary for text|{'00100010':{'vr':'PN','InlineBinary':'AQID'}}|(0010,0010): PN: "
          + "InlineBinary is for OB",
      "Value and URI|{'00100010':{'vr':'PN','Value':['A'],'BulkDataURI':'x'}}|(0010,0010): has "
          + "more than one of \"Value\", \"InlineBinary\" and \"BulkDataURI\"",
      "URI for SQ|{'00081115':{'vr':'SQ','BulkDataURI':'x'}}|(0008,1115): SQ: a sequence has "
          + "items, not a BulkDataURI",
      "nested|{'00081115':{'vr':'SQ','Value':[{},{'00081150':{'vr':'UI','Value':[5]}}]}}|"
          + "(0008,1115) item 2 > (0008,1150): UI: Value[0] is the number 5",
      "top-level number|[1]|expected a data set object, found a number",
      "top-level string|['Doe']|expected a data set object, found a string",
      "truncated|{'00100010':{'vr':'PN'|(0010,0010): malformed JSON: Unexpected end-of-input",
      "not JSON|{'00100010':{vr:'PN'}}|(0010,0010): malformed JSON: Unexpected character",
      "trailing comma|[{'00100010':{'vr':'PN'}},]|malformed JSON",
  })
  void rejectsWhatIsNotTheModelNamingTheElement(String name, String input, String message) {
    assertThatThrownBy(() -> readAll(json(input)))
        .isInstanceOf(DicomJsonException.class)
        .hasMessageContaining(message)
        .hasMessageContaining("(line 1, column ");
  }

  @Test
  void namesTheInnermostElementInTheException() {
    assertThatThrownBy(() -> readAll(json("{'00081115':{'vr':'SQ','Value':[{'00081150':"
        + "{'vr':'UI','Value':[5]}}]}}")))
        .isInstanceOfSatisfying(DicomJsonException.class,
            e -> assertThat(e.tag()).isEqualTo(Tag.ReferencedSOPClassUID));
  }

  @Test
  void rejectsSequencesNestedBeyondTheLimit() throws IOException {
    assertThat(readAll(json(nested(DicomJsonReader.MAX_DEPTH)))).hasSize(1);
    assertThatThrownBy(() -> readAll(json(nested(DicomJsonReader.MAX_DEPTH + 1))))
        .isInstanceOf(DicomJsonException.class)
        .hasMessageContaining("sequences nest deeper than " + DicomJsonReader.MAX_DEPTH);
  }

  /** An element inside {@code levels} nested sequences. */
  private static String nested(int levels) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < levels; i++) {
      b.append("{'00081115':{'vr':'SQ','Value':[");
    }
    b.append("{'00100020':{'vr':'LO','Value':['deep']}}");
    for (int i = 0; i < levels; i++) {
      b.append("]}}");
    }
    return b.toString();
  }

  @Test
  void everyTruncationOrCorruptionIsADicomJsonException() {
    String input = JsonSupport.toJsonUnchecked(JsonSupport.everyVr());
    Random random = new Random(3);
    for (int end = 0; end < input.length(); end++) {
      assertOnlyDicomJsonException(input.substring(0, end));
    }
    for (int run = 0; run < 2000; run++) {
      char[] c = input.toCharArray();
      String replacements = "{}[],:\"0aZ-.e\\ n";
      c[random.nextInt(c.length)] = replacements.charAt(random.nextInt(replacements.length()));
      assertOnlyDicomJsonException(new String(c));
    }
  }

  private static void assertOnlyDicomJsonException(String input) {
    try {
      readAll(input);
    } catch (DicomJsonException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    } catch (Exception e) {
      throw new AssertionError("input " + input + " raised " + e, e);
    }
  }

  /** Hands out one byte per read, or a random number of bytes (okio's idea, PS STYLE 7). */
  private static final class TricklingInputStream extends InputStream {
    private final byte[] data;
    private final Random random;
    private int position;

    TricklingInputStream(byte[] data, Random random) {
      this.data = data;
      this.random = random;
    }

    @Override
    public int read() {
      return position < data.length ? data[position++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (position == data.length) {
        return -1;
      }
      int n = Math.min(len, random == null ? 1 : 1 + random.nextInt(64));
      n = Math.min(n, data.length - position);
      System.arraycopy(data, position, b, off, n);
      position += n;
      return n;
    }
  }
}

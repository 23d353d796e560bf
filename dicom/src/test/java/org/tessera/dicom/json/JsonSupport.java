package org.tessera.dicom.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.tessera.dicom.data.Attributes;
import org.tessera.dicom.data.BulkDataUriProvider;
import org.tessera.dicom.data.Sequence;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.data.VR;
import org.tessera.dicom.internal.ValueCodec;

/** Writing, reading and comparing DICOM JSON in tests, and a data set holding every VR. */
final class JsonSupport {
  static final JsonFactory FACTORY = new JsonFactory();
  static final ObjectMapper MAPPER = new ObjectMapper();

  /** Yamada^Tarou in its three component groups (PS3.5 H.3.1, PS3.18 F.4). */
  static final String YAMADA = "Yamada^Tarou=山田^太郎=やまだ^たろう";

  private JsonSupport() {}

  static String toJson(Attributes dataset) throws IOException {
    return toJson(dataset, BulkDataUriProvider.INLINE);
  }

  static String toJson(Attributes dataset, BulkDataUriProvider bulkData) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator gen = FACTORY.createGenerator(out)) {
      new DicomJsonWriter(gen, bulkData).write(dataset);
    }
    return out.toString();
  }

  static String toJsonUnchecked(Attributes dataset) {
    try {
      return toJson(dataset);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Attributes fromJson(String json) throws IOException {
    List<Attributes> all = readAll(json);
    if (all.size() != 1) {
      throw new AssertionError("expected one data set, read " + all.size());
    }
    return all.get(0);
  }

  static List<Attributes> readAll(String json) throws IOException {
    return readAll(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  static List<Attributes> readAll(InputStream in) throws IOException {
    List<Attributes> all = new ArrayList<>();
    try (JsonParser parser = FACTORY.createParser(in)) {
      DicomJsonReader reader = new DicomJsonReader(parser);
      for (Attributes ds = reader.readDataset(); ds != null; ds = reader.readDataset()) {
        all.add(ds);
      }
    }
    return all;
  }

  static JsonNode tree(String json) throws IOException {
    return MAPPER.readTree(json);
  }

  /** JSON written with single quotes for readability in test sources. */
  static String json(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }

  /**
   * A data set with every VR of PS3.5 6.2: multiple values, an empty value inside a multi-valued
   * string, empty elements, a sequence of two items (one nested further), a private block, a PN
   * with all three component groups and UTF-8 text.
   */
  static Attributes everyVr() {
    Attributes ds = new Attributes();
    ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
    ds.setString(Tag.ImageType, VR.CS, "ORIGINAL", "", "AXIAL");
    ds.setString(Tag.StudyDate, VR.DA, "20240131");
    ds.setString(Tag.AcquisitionDateTime, VR.DT, "20240131120000.123456+0100");
    ds.setString(Tag.StudyTime, VR.TM, "120000.5");
    ds.setString(Tag.RetrieveAETitle, VR.AE, "STORE_SCP", "ARCHIVE");
    ds.setString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.2");
    ds.setString(Tag.SOPInstanceUID, VR.UI, "1.2.3.4.5.6.7.8.9");
    ds.setString(Tag.InstitutionName, VR.LO, "Hôpital Saint-Éloi", "Klinik");
    ds.setString(Tag.StationName, VR.SH, "CT 1");
    ds.setString(Tag.StudyDescription, VR.LO, "Thorax ✓");
    ds.setString(Tag.RetrieveURL, VR.UR, "https://example.org/studies/1?x=a%20b");
    ds.setString(Tag.PatientName, VR.PN, YAMADA);
    ds.setNull(Tag.PatientBirthDate, VR.DA);
    ds.setString(Tag.PatientAge, VR.AS, "042Y");
    ds.setString(Tag.AdditionalPatientHistory, VR.LT, "line 1\r\nline 2 with a \\ inside");
    ds.setString(Tag.PatientComments, VR.LT, "Ärger über Öl");
    ds.setString(Tag.ImageComments, VR.LT, "comment");
    ds.setString(Tag.DerivationDescription, VR.ST, "short text");
    ds.setString(Tag.TextValue, VR.UT, "unlimited text ünïcode");
    ds.setString(Tag.LongCodeValue, VR.UC, "a long code", "second");
    ds.setString(Tag.SliceThickness, VR.DS, "1.50");
    ds.setString(Tag.PixelSpacing, VR.DS, "0.5", "-1.25e-3");
    ds.setString(Tag.InstanceNumber, VR.IS, "7");
    ds.setString(Tag.ReferencedFrameNumber, VR.IS, "1", "-2", "30000");
    ds.setInt(Tag.Rows, VR.US, 512);
    ds.setInt(Tag.LargestImagePixelValue, VR.US, 0, 65535);
    ds.setInt(Tag.SmallestImagePixelValue, VR.SS, -32768, 32767);
    ds.setLong(Tag.ReferencedSegmentNumber, VR.UL, 0, 4294967295L);
    ds.setInt(Tag.RationalNumeratorValue, VR.SL, -5, 100000, Integer.MIN_VALUE);
    ds.setLong(Tag.ExtendedOffsetTableLengths, VR.UV, 0, 7, -1L, 1L << 53);
    ds.setLong(Tag.SelectorSVValue, VR.SV, -(1L << 60), 5, (1L << 53) - 1);
    ds.setDouble(Tag.RecommendedDisplayFrameRateInFloat, VR.FL, 1.5, -0.25,
        Double.POSITIVE_INFINITY);
    ds.setDouble(Tag.SelectorFDValue, VR.FD, 0.1, Math.PI, Double.NaN, -1e300);
    ds.setString(Tag.DimensionIndexPointer, VR.AT, "00200032", "7FE00010");
    ds.setBytes(Tag.EncapsulatedDocument, VR.OB, new byte[] {1, 2, 3, 4, (byte) 0xFF, 0});
    ds.setBytes(Tag.DoubleFloatPixelData, VR.OD,
        ValueCodec.encodeDoubles(new double[] {1.5, -2}, VR.OD, false));
    ds.setBytes(Tag.FloatPixelData, VR.OF,
        ValueCodec.encodeDoubles(new double[] {0.5}, VR.OF, false));
    ds.setBytes(Tag.LongPrimitivePointIndexList, VR.OL,
        ValueCodec.encodeLongs(new long[] {1, 0xFFFFFFFFL}, VR.OL, false));
    ds.setBytes(Tag.ExtendedOffsetTable, VR.OV,
        ValueCodec.encodeLongs(new long[] {1L << 40}, VR.OV, false));
    ds.setBytes(Tag.RedPaletteColorLookupTableData, VR.OW,
        ValueCodec.encodeLongs(new long[] {1, 0xFFFF, 0x1234}, VR.OW, false));
    ds.setString(0x00090010, VR.LO, "TESSERA TEST");
    ds.setString(0x00091001, VR.LO, "private value");
    ds.setBytes(0x00091002, VR.UN, new byte[] {9, 8, 7, 6});
    ds.setNull(Tag.ReferringPhysicianName, VR.PN);
    ds.newSequence(Tag.ReferencedPatientSequence, 0);
    Sequence seq = ds.newSequence(Tag.OtherPatientIDsSequence, 2);
    Attributes first = seq.addNew();
    first.setString(Tag.PatientID, VR.LO, "54321");
    first.setString(Tag.IssuerOfPatientID, VR.LO, "Hospital B");
    Attributes code = first.newSequence(Tag.IssuerOfPatientIDQualifiersSequence, 1).addNew();
    code.setString(Tag.UniversalEntityID, VR.UT, "urn:oid:1.2.3");
    Attributes second = seq.addNew();
    second.setString(Tag.PatientID, VR.LO, "24680");
    second.setString(Tag.IssuerOfPatientID, VR.LO, "Hôpital C");
    return ds;
  }
}

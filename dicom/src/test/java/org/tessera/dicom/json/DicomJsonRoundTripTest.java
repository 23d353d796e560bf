package org.tessera.dicom.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tessera.dicom.json.JsonSupport.FACTORY;
import static org.tessera.dicom.json.JsonSupport.everyVr;
import static org.tessera.dicom.json.JsonSupport.fromJson;
import static org.tessera.dicom.json.JsonSupport.readAll;
import static org.tessera.dicom.json.JsonSupport.toJson;
import static org.tessera.dicom.json.JsonSupport.tree;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.dicom.data.Attributes;
import org.tessera.dicom.data.BulkDataUriProvider;
import org.tessera.dicom.data.Sequence;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.data.Uid;
import org.tessera.dicom.data.VR;
import org.tessera.dicom.io.DicomReader;
import org.tessera.dicom.io.DicomWriter;
import org.tessera.dicom.io.FileMetaInformation;
import org.tessera.dicom.io.ReadOptions;

class DicomJsonRoundTripTest {

  @Test
  void theTestDataSetHoldsEveryVr() throws IOException {
    Set<VR> seen = EnumSet.noneOf(VR.class);
    collectVrs(tree(toJson(everyVr())), seen);

    assertThat(seen).containsExactlyInAnyOrder(VR.values());
  }

  @Test
  void attributesToJsonToAttributesAreEqual() throws IOException {
    Attributes ds = everyVr();

    Attributes back = fromJson(toJson(ds));

    assertThat(back).isEqualTo(ds);
    assertThat(back.getString(Tag.PatientName)).isEqualTo(JsonSupport.YAMADA);
    assertThat(back.getValue(Tag.ImageType)).isEqualTo("ORIGINAL\\\\AXIAL");
  }

  @Test
  void jsonToAttributesToJsonIsUnchanged() throws IOException {
    String json = toJson(everyVr());

    assertThat(tree(toJson(fromJson(json)))).isEqualTo(tree(json));
  }

  @Test
  void theStandardsExampleWritesBackUnchanged() throws IOException {
    JsonNode expected = tree(DicomJsonReaderTest.PS3_18_F4);
    List<Attributes> read = readAll(DicomJsonReaderTest.PS3_18_F4);

    for (int i = 0; i < read.size(); i++) {
      assertThat(tree(toJson(read.get(i)))).isEqualTo(expected.get(i));
    }
  }

  @Test
  void whatWasReadFromJsonWritesAsPart10(@TempDir Path dir) throws IOException {
    String json = toJson(everyVr()).replace("\"00080005\":{\"vr\":\"CS\",\"Value\":"
        + "[\"ISO_IR 192\"]},", "");
    Attributes fromJson = fromJson(json);
    Path file = dir.resolve("from-json.dcm");

    DicomWriter.write(file, FileMetaInformation.forDataset(fromJson,
        Uid.ExplicitVRLittleEndian), fromJson);
    Attributes read = DicomReader.read(file, ReadOptions.DEFAULTS).dataset();

    assertThat(fromJson.getString(Tag.SpecificCharacterSet)).isEqualTo("ISO_IR 192");
    assertThat(read).isEqualTo(fromJson);
    assertThat(read.getString(Tag.PatientName)).isEqualTo(JsonSupport.YAMADA);
    assertThat(read.getStrings(Tag.InstitutionName)).containsExactly("Hôpital Saint-Éloi",
        "Klinik");
    assertThat(tree(toJson(read))).isEqualTo(tree(toJson(everyVr())));
  }

  @Test
  void keepsTheSourceCharacterSetSoTheSameBytesComeBack() throws IOException {
    // PS3.5 H.3.1: Yamada^Tarou in ISO 2022 IR 87, escape sequences and all
    byte[] raw = ("Yamada^Tarou=\033$B;3ED\033(B^\033$BB@O:\033(B=\033$B$d$^$@\033(B^"
        + "\033$B$?$m$&\033(B").getBytes(StandardCharsets.ISO_8859_1);
    Attributes ds = new Attributes();
    ds.setString(Tag.SpecificCharacterSet, VR.CS, "", "ISO 2022 IR 87");
    ds.setBytes(Tag.PatientName, VR.PN, raw);

    String json = toJson(ds);
    Attributes back = fromJson(json);

    assertThat(json).isEqualTo("{\"00080005\":{\"vr\":\"CS\",\"Value\":[null,\"ISO 2022 IR 87\"]},"
        + "\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"Yamada^Tarou\","
        + "\"Ideographic\":\"山田^太郎\",\"Phonetic\":\"やまだ^たろう\"}]}}");
    assertThat(back.getBytes(Tag.PatientName)).isEqualTo(raw);
    assertThat(back).isEqualTo(ds);
  }

  @Test
  void streamsTenThousandDataSetsThroughOneArray(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("results.json");
    int count = 10_000;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file));
        JsonGenerator gen = FACTORY.createGenerator(out)) {
      DicomJsonWriter writer = new DicomJsonWriter(gen, BulkDataUriProvider.INLINE);
      gen.writeStartArray();
      for (int i = 0; i < count; i++) {
        writer.write(result(i));
      }
      gen.writeEndArray();
    }

    int read = 0;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file));
        JsonParser parser = FACTORY.createParser(in)) {
      DicomJsonReader reader = new DicomJsonReader(parser);
      for (Attributes ds = reader.readDataset(); ds != null; ds = reader.readDataset()) {
        if (read == 0 || read == 4_321 || read == count - 1) {
          assertThat(ds).isEqualTo(result(read));
        }
        assertThat(ds.getInt(Tag.InstanceNumber, -1)).isEqualTo(read);
        read++;
      }
      assertThat(reader.readDataset()).isNull();
    }
    assertThat(read).isEqualTo(count);
  }

  /** A QIDO-RS-like instance result. */
  private static Attributes result(int i) {
    Attributes ds = new Attributes();
    ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
    ds.setString(Tag.StudyDate, VR.DA, "20240131");
    ds.setString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.2");
    ds.setString(Tag.SOPInstanceUID, VR.UI, "1.2.3.4." + i);
    ds.setString(Tag.ModalitiesInStudy, VR.CS, "CT", "PET");
    ds.setString(Tag.PatientName, VR.PN, "Müller^Jörg=" + i);
    ds.setString(Tag.PatientID, VR.LO, "P" + i);
    ds.setString(Tag.InstanceNumber, VR.IS, Integer.toString(i));
    ds.setString(Tag.PixelSpacing, VR.DS, "0.5", "0." + i);
    ds.setInt(Tag.Rows, VR.US, 512);
    ds.setDouble(Tag.SelectorFDValue, VR.FD, i / 3.0);
    Sequence seq = ds.newSequence(Tag.ReferencedSeriesSequence, 1);
    seq.addNew().setString(Tag.SeriesInstanceUID, VR.UI, "1.2.3." + i);
    return ds;
  }

  private static void collectVrs(JsonNode object, Set<VR> seen) {
    for (Iterator<JsonNode> it = object.elements(); it.hasNext(); ) {
      JsonNode element = it.next();
      seen.add(VR.valueOf(element.get("vr").textValue()));
      if (element.get("vr").textValue().equals("SQ") && element.has("Value")) {
        element.get("Value").forEach(item -> collectVrs(item, seen));
      }
    }
  }
}

package org.tessera.dicom.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class AttributesTest {

  @Test
  void keepsElementsOrderedByTagWhateverTheInsertionOrder() {
    Attributes a = new Attributes();
    a.setString(Tag.PatientID, VR.LO, "P1");
    a.setString(Tag.SOPInstanceUID, VR.UI, "1.2");
    a.setString(Tag.PixelData, VR.OW);
    a.setString(Tag.PatientName, VR.PN, "Doe^John");
    a.setString(0x00090010, VR.LO, "CREATOR");

    assertThat(a.size()).isEqualTo(5);
    assertThat(new int[] {a.tagAt(0), a.tagAt(1), a.tagAt(2), a.tagAt(3), a.tagAt(4)})
        .containsExactly(Tag.SOPInstanceUID, 0x00090010, Tag.PatientName, Tag.PatientID,
            Tag.PixelData);
  }

  @Test
  void ordersTagsAboveGroup7FFFAsUnsigned() {
    Attributes a = new Attributes();
    a.setString(0xFFFA0010, VR.LO, "x");
    a.setString(Tag.PatientID, VR.LO, "P");
    assertThat(a.tagAt(0)).isEqualTo(Tag.PatientID);
    assertThat(a.tagAt(1)).isEqualTo(0xFFFA0010);
    assertThat(a.contains(0xFFFA0010)).isTrue();
  }

  @Test
  void replacesAnExistingElement() {
    Attributes a = new Attributes();
    a.setString(Tag.PatientID, VR.LO, "P1");
    a.setString(Tag.PatientID, VR.LO, "P2");
    assertThat(a.size()).isEqualTo(1);
    assertThat(a.getString(Tag.PatientID)).isEqualTo("P2");
  }

  @Test
  void decodesRawStringValuesLazilyAndTrimsByVr() {
    Attributes a = new Attributes();
    a.setBytes(Tag.PatientID, VR.LO, ascii(" P1  "));
    a.setBytes(Tag.StudyInstanceUID, VR.UI, ascii("1.2.3\0"));
    a.setBytes(Tag.ImageType, VR.CS, ascii("ORIGINAL\\PRIMARY\\AXIAL "));
    a.setBytes(Tag.StudyComments, VR.LT, ascii("  leading kept\\no split "));

    assertThat(a.getString(Tag.PatientID)).isEqualTo("P1");
    assertThat(a.getString(Tag.StudyInstanceUID)).isEqualTo("1.2.3");
    assertThat(a.getStrings(Tag.ImageType)).containsExactly("ORIGINAL", "PRIMARY", "AXIAL");
    assertThat(a.getStrings(Tag.StudyComments)).containsExactly("  leading kept\\no split");
  }

  @Test
  void distinguishesAbsentFromEmpty() {
    Attributes a = new Attributes();
    a.setNull(Tag.PatientName, VR.PN);
    assertThat(a.contains(Tag.PatientName)).isTrue();
    assertThat(a.containsValue(Tag.PatientName)).isFalse();
    assertThat(a.getStrings(Tag.PatientName)).isEmpty();
    assertThat(a.getStrings(Tag.PatientID)).isNull();
    assertThat(a.getString(Tag.PatientName, "dflt")).isEqualTo("dflt");
  }

  @Test
  void keepsEmptyValuesInsideMultiValuedStrings() {
    Attributes a = new Attributes();
    a.setBytes(Tag.ImageType, VR.CS, ascii("A\\\\C "));
    assertThat(a.getStrings(Tag.ImageType)).containsExactly("A", "", "C");
  }

  @Test
  void readsBinaryNumbersInEitherByteOrder() {
    Attributes le = new Attributes(false, 4);
    le.setBytes(Tag.Rows, VR.US, new byte[] {0x00, 0x02});
    le.setBytes(Tag.SmallestImagePixelValue, VR.SS, new byte[] {(byte) 0xFF, (byte) 0xFF});
    Attributes be = new Attributes(true, 4);
    be.setBytes(Tag.Rows, VR.US, new byte[] {0x02, 0x00});

    assertThat(le.getInt(Tag.Rows, -1)).isEqualTo(512);
    assertThat(le.getInt(Tag.SmallestImagePixelValue, 0)).isEqualTo(-1);
    assertThat(be.getInt(Tag.Rows, -1)).isEqualTo(512);
    assertThat(le.getString(Tag.Rows)).isEqualTo("512");
  }

  @Test
  void convertsBetweenTextAndNumbers() {
    Attributes a = new Attributes();
    a.setInt(Tag.Rows, VR.US, 512);
    a.setLong(Tag.SimpleFrameList, VR.UL, 4294967295L, 7);
    a.setDouble(Tag.PixelSpacing, VR.DS, 0.7031249999999999, 2.5);
    a.setInt(Tag.InstanceNumber, VR.IS, 42);
    a.setDouble(Tag.SliceThickness, VR.DS, 1.0);
    a.setString(Tag.WindowCenter, VR.DS, "+40.0", "-1E2");
    a.setDouble(Tag.ImagePositionPatient, VR.FD, -125.5);
    a.setString(Tag.FrameIncrementPointer, VR.AT, "00181063");

    assertThat(a.getInts(Tag.Rows)).containsExactly(512);
    assertThat(a.getLongs(Tag.SimpleFrameList)).containsExactly(4294967295L, 7);
    assertThat(a.getString(Tag.PixelSpacing)).hasSizeLessThanOrEqualTo(16)
        .isEqualTo("0.703125");
    assertThat(a.getDoubles(Tag.PixelSpacing)).containsExactly(0.703125, 2.5);
    assertThat(a.getInt(Tag.InstanceNumber, 0)).isEqualTo(42);
    assertThat(a.getString(Tag.SliceThickness)).isEqualTo("1");
    assertThat(a.getDoubles(Tag.WindowCenter)).containsExactly(40.0, -100.0);
    assertThat(a.getDouble(Tag.ImagePositionPatient, 0)).isEqualTo(-125.5);
    assertThat(a.getString(Tag.FrameIncrementPointer)).isEqualTo("00181063");
    assertThat(a.getInt(Tag.FrameIncrementPointer, 0)).isEqualTo(Tag.FrameTime);
  }

  @Test
  void reportsMalformedNumbersWithTheTag() {
    Attributes a = new Attributes();
    a.setString(Tag.InstanceNumber, VR.IS, "twelve");
    assertThatThrownBy(() -> a.getInt(Tag.InstanceNumber, 0))
        .isInstanceOf(NumberFormatException.class)
        .hasMessageContaining("(0020,0013)").hasMessageContaining("twelve");
  }

  @Test
  void parsesDatesTimesAndNames() {
    Attributes a = new Attributes();
    a.setString(Tag.StudyDate, VR.DA, "20240229");
    a.setString(Tag.StudyTime, VR.TM, "101530.25");
    a.setString(Tag.PatientName, VR.PN, "Yamada^Tarou=山田^太郎=やまだ^たろう");

    assertThat(a.getDate(Tag.StudyDate)).isEqualTo(LocalDate.of(2024, 2, 29));
    assertThat(a.getTime(Tag.StudyTime)).isEqualTo(LocalTime.of(10, 15, 30, 250_000_000));
    PersonName pn = a.getPersonName(Tag.PatientName);
    assertThat(pn.alphabetic().family()).isEqualTo("Yamada");
    assertThat(pn.ideographic().given()).isEqualTo("太郎");
    assertThat(pn.phonetic().toString()).isEqualTo("やまだ^たろう");
  }

  @Test
  void itemsInheritTheCharacterSetOfTheirDataSet() {
    Attributes a = new Attributes();
    a.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
    Attributes item = a.newSequence(Tag.ReferencedStudySequence, 1).addNew();
    item.setBytes(Tag.StudyDescription, VR.LO, "Sch\u00e4del".getBytes(StandardCharsets.ISO_8859_1));

    assertThat(item.specificCharacterSet()).isEqualTo(a.specificCharacterSet());
    assertThat(item.getString(Tag.StudyDescription)).isEqualTo("Schädel");
    assertThat(item.parent()).isSameAs(a);
  }

  @Test
  void encodesStringsWithTheCharacterSetAndPadsToEvenLength() {
    Attributes a = new Attributes();
    a.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
    a.setString(Tag.PatientName, VR.PN, "Müller");
    a.setString(Tag.SOPInstanceUID, VR.UI, "1.2.3");

    assertThat(a.getBytes(Tag.PatientName)).containsExactly(
        'M', 0xC3, 0xBC, 'l', 'l', 'e', 'r', ' ');
    assertThat(a.getBytes(Tag.SOPInstanceUID)).containsExactly('1', '.', '2', '.', '3', 0);
  }

  @Test
  void resolvesAndReservesPrivateTagsByCreator() {
    Attributes a = new Attributes();
    a.setString(0x00130010, VR.LO, "OTHER");
    PrivateTag collection = new PrivateTag("CTP", 0x0013, 0x10);
    assertThat(a.tagOf(collection)).isEqualTo(-1);

    int tag = a.reserve(collection);
    a.setString(tag, VR.LO, "LIDC-IDRI");

    assertThat(tag).isEqualTo(0x00131110);
    assertThat(a.getString(0x00130011)).isEqualTo("CTP");
    assertThat(a.tagOf(collection)).isEqualTo(0x00131110);
    assertThat(a.getString(a.tagOf(collection))).isEqualTo("LIDC-IDRI");
    assertThat(a.reserve(collection)).isEqualTo(tag);
  }

  @Test
  void removesElementsAndForgetsTheCharacterSet() {
    Attributes a = new Attributes();
    a.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
    a.setString(Tag.PatientID, VR.LO, "P");
    assertThat(a.remove(Tag.SpecificCharacterSet)).isTrue();
    assertThat(a.remove(Tag.SpecificCharacterSet)).isFalse();
    assertThat(a.specificCharacterSet()).isEqualTo(SpecificCharacterSet.DEFAULT);
    assertThat(a.size()).isEqualTo(1);
  }

  @Test
  void equalityComparesEncodedValuesNotRepresentations() {
    Attributes set = new Attributes();
    set.setString(Tag.PatientID, VR.LO, "ABC");
    Attributes read = new Attributes();
    read.setBytes(Tag.PatientID, VR.LO, ascii("ABC "));
    Attributes other = new Attributes();
    other.setString(Tag.PatientID, VR.LO, "ABD");

    assertThat(set).isEqualTo(read).isNotEqualTo(other);
  }

  @Test
  void copiesDeeply() {
    Attributes a = new Attributes();
    a.newSequence(Tag.ReferencedSeriesSequence, 1).addNew()
        .setString(Tag.SeriesInstanceUID, VR.UI, "1.2");
    Attributes copy = new Attributes(a);
    copy.getSequence(Tag.ReferencedSeriesSequence).get(0)
        .setString(Tag.SeriesInstanceUID, VR.UI, "9.9");

    assertThat(a.getSequence(Tag.ReferencedSeriesSequence).get(0)
        .getString(Tag.SeriesInstanceUID)).isEqualTo("1.2");
    assertThat(copy).isNotEqualTo(a);
  }

  @Test
  void growsBeyondItsInitialCapacity() {
    Attributes a = new Attributes(false, 4);
    for (int i = 1000; i > 0; i--) {
      a.setInt(0x00290000 | i, VR.UL, i);
    }
    assertThat(a.size()).isEqualTo(1000);
    for (int i = 1; i <= 1000; i++) {
      assertThat(a.tagAt(i - 1)).isEqualTo(0x00290000 | i);
      assertThat(a.getInt(0x00290000 | i, 0)).isEqualTo(i);
    }
  }

  @Test
  void refusesItemsOfTheOtherByteOrder() {
    Attributes a = new Attributes(false, 4);
    Sequence seq = a.newSequence(Tag.ReferencedImageSequence, 1);
    assertThatThrownBy(() -> seq.add(new Attributes(true, 4)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void listsItselfLikeDcmdump() {
    Attributes a = new Attributes();
    a.setString(Tag.PatientName, VR.PN, "Doe^John");
    a.newSequence(Tag.ReferencedImageSequence, 1).addNew()
        .setString(Tag.ReferencedSOPInstanceUID, VR.UI, "1.2.3");
    assertThat(a.toString()).contains("(0010,0010) PN [Doe^John] PatientName")
        .contains("(0008,1140) SQ (1 items) ReferencedImageSequence")
        .contains("(0008,1155) UI [1.2.3] ReferencedSOPInstanceUID");
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void selectCopiesTheAcceptedTopLevelElementsDeeply() {
    Attributes ds = new Attributes();
    ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
    ds.setString(Tag.PatientName, VR.PN, "Doe^John");
    ds.setString(Tag.StudyInstanceUID, VR.UI, "1.2.3");
    ds.newSequence(Tag.PatientSpeciesCodeSequence, 1).add(new Attributes());
    ds.getSequence(Tag.PatientSpeciesCodeSequence).get(0).setString(Tag.CodeValue, VR.SH, "337915000");

    Attributes patient = ds.select(tag -> (tag >>> 16) == 0x0010 || tag == Tag.SpecificCharacterSet);
    ds.getSequence(Tag.PatientSpeciesCodeSequence).get(0).setString(Tag.CodeValue, VR.SH, "changed");

    assertThat(patient.size()).isEqualTo(3);
    assertThat(patient.getString(Tag.PatientName)).isEqualTo("Doe^John");
    assertThat(patient.contains(Tag.StudyInstanceUID)).isFalse();
    assertThat(patient.getSequence(Tag.PatientSpeciesCodeSequence).get(0).getString(Tag.CodeValue))
        .isEqualTo("337915000");
    assertThat(patient.specificCharacterSet()).isEqualTo(ds.specificCharacterSet());
  }
}

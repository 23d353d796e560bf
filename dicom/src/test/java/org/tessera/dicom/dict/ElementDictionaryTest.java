package org.tessera.dicom.dict;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.data.VR;
import org.tessera.dicom.dict.ElementDictionary.Entry;

class ElementDictionaryTest {

  private final ElementDictionary dictionary = ElementDictionary.standard();

  @Test
  void listsTheWholeStandard() {
    assertThat(dictionary.size()).isGreaterThan(4500);
    assertThat(ElementDictionary.standard()).isSameAs(dictionary);
  }

  @Test
  void patientName() {
    assertThat(dictionary.entry(0x00100010))
        .isEqualTo(new Entry(0x00100010, 0, VR.PN, null, "1", "PatientName", false));
    assertThat(dictionary.vrOf(Tag.PatientName)).isEqualTo(VR.PN);
  }

  @Test
  void pixelDataIsOwInImplicitVrAndMayBeOb() {
    Entry pixelData = dictionary.entry(0x7FE00010);
    assertThat(pixelData.keyword()).isEqualTo("PixelData");
    assertThat(pixelData.vr()).isEqualTo(VR.OW);
    assertThat(pixelData.alternativeVr()).isEqualTo(VR.OB);
    assertThat(dictionary.vrOf(Tag.PixelData)).isEqualTo(VR.OW);
  }

  @Test
  void ambiguousUsOrSsDefaultsToUs() {
    Entry smallest = dictionary.entry(Tag.SmallestImagePixelValue);
    assertThat(smallest.vr()).isEqualTo(VR.US);
    assertThat(smallest.alternativeVr()).isEqualTo(VR.SS);
    assertThat(dictionary.entry(Tag.LUTData).alternativeVr()).isEqualTo(VR.OW);
  }

  @Test
  void overlayGroupsRepeatInEvenGroups() {
    Entry overlayData = dictionary.entry(0x60023000);
    assertThat(overlayData.keyword()).isEqualTo("OverlayData");
    assertThat(overlayData.tag()).isEqualTo(0x60003000);
    assertThat(overlayData.pattern()).isEqualTo("(60xx,3000)");
    assertThat(overlayData.matches(0x60FE3000)).isTrue();
    assertThat(dictionary.keywordOf(0x601E0010)).isEqualTo("OverlayRows");
    assertThat(dictionary.vrOf(0x60FE0010)).isEqualTo(VR.US);
    assertThat(dictionary.entry(0x60013000)).as("odd group 6001 is private").isNull();
    assertThat(dictionary.vrOf(0x60013000)).isEqualTo(VR.UN);
  }

  @Test
  void curveGroupsAreRetired() {
    Entry curveDimensions = dictionary.entry(0x50020005);
    assertThat(curveDimensions.keyword()).isEqualTo("CurveDimensions");
    assertThat(curveDimensions.retired()).isTrue();
    assertThat(curveDimensions.pattern()).isEqualTo("(50xx,0005)");
    assertThat(dictionary.entry(0x50003000).retired()).isTrue();
    assertThat(dictionary.entry(0x50003000).vr()).isEqualTo(VR.OW);
  }

  @Test
  void sourceImageIdsCoverAnElementRange() {
    Entry sourceImageIds = dictionary.entry(0x002031A7);
    assertThat(sourceImageIds.keyword()).isEqualTo("SourceImageIDs");
    assertThat(sourceImageIds.tag()).isEqualTo(0x00203100);
    assertThat(sourceImageIds.pattern()).isEqualTo("(0020,31xx)");
    assertThat(sourceImageIds.vm()).isEqualTo("1-n");
    assertThat(sourceImageIds.retired()).isTrue();
    assertThat(dictionary.keywordOf(0x002031FF)).isEqualTo("SourceImageIDs");
    assertThat(dictionary.tagOf("SourceImageIDs")).isEqualTo(0x00203100);
  }

  @Test
  void listedElementsWinOverTheirFamily() {
    assertThat(dictionary.keywordOf(0x7FE00010)).isEqualTo("PixelData");
    assertThat(dictionary.keywordOf(0x7F020010)).isEqualTo("VariablePixelData");
    assertThat(dictionary.entry(0x7F020010).retired()).isTrue();
  }

  @Test
  void keywordsAndTagsBothWays() {
    assertThat(dictionary.tagOf("StudyInstanceUID")).isEqualTo(0x0020000D);
    assertThat(dictionary.tagOf("SOPClassUID")).isEqualTo(0x00080016);
    assertThat(dictionary.tagOf("TransferSyntaxUID")).isEqualTo(0x00020010);
    assertThat(dictionary.tagOf("OverlayData")).isEqualTo(0x60003000);
    assertThat(dictionary.tagOf("AffectedSOPClassUID")).isEqualTo(0x00000002);
    assertThat(dictionary.keywordOf(0x00080018)).isEqualTo("SOPInstanceUID");
    assertThat(dictionary.keywordOf(0x00081030)).isEqualTo("StudyDescription");
    assertThat(dictionary.keywordOf(0x00000100)).isEqualTo("CommandField");
    assertThat(dictionary.tagOf("NoSuchKeyword")).isEqualTo(-1);
  }

  @Test
  void keywordsMatchTheTagConstants() {
    assertThat(dictionary.keywordOf(Tag.SeriesInstanceUID)).isEqualTo("SeriesInstanceUID");
    assertThat(dictionary.keywordOf(Tag.ExtendedOffsetTable)).isEqualTo("ExtendedOffsetTable");
    assertThat(dictionary.tagOf("ReferencedSOPInstanceUID"))
        .isEqualTo(Tag.ReferencedSOPInstanceUID);
  }

  @Test
  void retiredKeywordsLoseTheirPrefix() {
    Entry lengthToEnd = dictionary.entry(0x00080001);
    assertThat(lengthToEnd.keyword()).isEqualTo("LengthToEnd");
    assertThat(lengthToEnd.retired()).isTrue();
  }

  @Test
  void unknownTags() {
    assertThat(dictionary.entry(0x00100011)).isNull();
    assertThat(dictionary.keywordOf(0x00100011)).isNull();
    assertThat(dictionary.vrOf(0x00100011)).isEqualTo(VR.UN);
    assertThat(dictionary.entry(0x00091010)).as("private data element").isNull();
    assertThat(dictionary.vrOf(0x00091010)).isEqualTo(VR.UN);
    assertThat(dictionary.vrOf(0x00010010)).as("group 0001 is not private").isEqualTo(VR.UN);
  }

  @Test
  void privateCreatorSlots() {
    assertThat(dictionary.entry(0x00090010))
        .isEqualTo(new Entry(0x00090010, 0, VR.LO, null, "1", "PrivateCreator", false));
    assertThat(dictionary.vrOf(0x002900FF)).isEqualTo(VR.LO);
    assertThat(dictionary.keywordOf(0x00090011)).isEqualTo("PrivateCreator");
    assertThat(dictionary.vrOf(0x0009000F)).isEqualTo(VR.UN);
    assertThat(dictionary.vrOf(0x00090100)).isEqualTo(VR.UN);
    assertThat(dictionary.entry(0x00010010)).isNull();
    assertThat(dictionary.tagOf("PrivateCreator")).isEqualTo(-1);
  }

  @Test
  void groupLengths() {
    assertThat(dictionary.entry(0x00020000).keyword()).isEqualTo("FileMetaInformationGroupLength");
    assertThat(dictionary.entry(0x00020000).retired()).isFalse();
    assertThat(dictionary.entry(0x00000000).keyword()).isEqualTo("CommandGroupLength");
    Entry studyGroupLength = dictionary.entry(0x00200000);
    assertThat(studyGroupLength.vr()).isEqualTo(VR.UL);
    assertThat(studyGroupLength.keyword()).isNull();
    assertThat(studyGroupLength.retired()).isTrue();
    assertThat(dictionary.vrOf(0x00090000)).isEqualTo(VR.UL);
    assertThat(dictionary.vrOf(0x7FE00000)).isEqualTo(VR.UL);
  }

  @Test
  void itemsHaveNoVr() {
    assertThat(dictionary.keywordOf(0xFFFEE000)).isEqualTo("Item");
    assertThat(dictionary.vrOf(Tag.Item)).isNull();
    assertThat(dictionary.vrOf(Tag.ItemDelimitationItem)).isNull();
    assertThat(dictionary.entry(Tag.SequenceDelimitationItem).keyword())
        .isEqualTo("SequenceDelimitationItem");
  }

  @Test
  void dicondeAndDicosElementsAreIncluded() {
    assertThat(dictionary.keywordOf(0x00143050)).isEqualTo("DarkCurrentCounts");
    assertThat(dictionary.vrOf(0x00143050)).isEqualTo(VR.OW);
    assertThat(dictionary.tagOf("ThreatDetectionAlgorithmAndVersion")).isEqualTo(0x40101029);
  }
}

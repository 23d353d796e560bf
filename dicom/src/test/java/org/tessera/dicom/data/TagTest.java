package org.tessera.dicom.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class TagTest {

  @Test
  void constantsAreTheStandardsTags() {
    assertThat(Tag.PatientName).isEqualTo(0x00100010);
    assertThat(Tag.StudyInstanceUID).isEqualTo(0x0020000D);
    assertThat(Tag.PixelData).isEqualTo(0x7FE00010);
    assertThat(Tag.OverlayData).isEqualTo(0x60003000);
    assertThat(Tag.SourceImageIDs).isEqualTo(0x00203100);
    assertThat(Tag.Item).isEqualTo(0xFFFEE000);
    assertThat(Tag.CommandField).isEqualTo(0x00000100);
  }

  @Test
  void toStringIsUpperCaseHex() {
    assertThat(Tag.toString(Tag.PatientName)).isEqualTo("(0010,0010)");
    assertThat(Tag.toString(Tag.StudyInstanceUID)).isEqualTo("(0020,000D)");
    assertThat(Tag.toString(Tag.SequenceDelimitationItem)).isEqualTo("(FFFE,E0DD)");
    assertThat(Tag.toString(0)).isEqualTo("(0000,0000)");
  }

  @Test
  void parsesThreeForms() {
    assertThat(Tag.parse("(0010,0010)")).isEqualTo(Tag.PatientName);
    assertThat(Tag.parse("0020,000D")).isEqualTo(Tag.StudyInstanceUID);
    assertThat(Tag.parse("7FE00010")).isEqualTo(Tag.PixelData);
    assertThat(Tag.parse("(fffe,e000)")).isEqualTo(Tag.Item);
    assertThat(Tag.parse(Tag.toString(0x00291234))).isEqualTo(0x00291234);
  }

  @Test
  void rejectsOtherText() {
    for (String text : new String[] {
        "", "(0010,0010", "(00100010)", "0010-0010", "001000100", "0010001", "+0100010",
        "0010,001G", "(0010,0010) ", "0x00100010"}) {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> Tag.parse(text))
          .withMessageContaining("not a tag")
          .withMessageContaining(text);
    }
  }

  @Test
  void groupAndElement() {
    assertThat(Tag.group(Tag.PixelData)).isEqualTo(0x7FE0);
    assertThat(Tag.element(Tag.PixelData)).isEqualTo(0x0010);
    assertThat(Tag.group(Tag.Item)).isEqualTo(0xFFFE);
    assertThat(Tag.element(Tag.Item)).isEqualTo(0xE000);
  }

  @Test
  void privateGroupsAreOddExceptTheReservedOnes() {
    assertThat(Tag.isPrivate(0x00091010)).isTrue();
    assertThat(Tag.isPrivate(0x7FE10010)).isTrue();
    assertThat(Tag.isPrivate(0xFFFD0010)).isTrue();
    assertThat(Tag.isPrivate(Tag.PatientName)).isFalse();
    for (int group : new int[] {0x0001, 0x0003, 0x0005, 0x0007, 0xFFFF}) {
      assertThat(Tag.isPrivate(group << 16 | 0x0010)).as("group %04X", group).isFalse();
    }
  }

  @Test
  void privateCreators() {
    assertThat(Tag.isPrivateCreator(0x00090010)).isTrue();
    assertThat(Tag.isPrivateCreator(0x000900FF)).isTrue();
    assertThat(Tag.isPrivateCreator(0x0009000F)).isFalse();
    assertThat(Tag.isPrivateCreator(0x00090100)).isFalse();
    assertThat(Tag.isPrivateCreator(0x00070010)).isFalse();
    assertThat(Tag.isPrivateCreator(Tag.PatientName)).isFalse();

    assertThat(Tag.privateCreatorOf(0x00091234)).isEqualTo(0x00090012);
    assertThat(Tag.privateCreatorOf(0x7FE1FF01)).isEqualTo(0x7FE100FF);
    assertThat(Tag.privateCreatorOf(0x00091001)).isEqualTo(0x00090010);
    assertThat(Tag.privateCreatorOf(0x00090F01)).isEqualTo(-1);
    assertThat(Tag.privateCreatorOf(0x00090010)).isEqualTo(-1);
    assertThat(Tag.privateCreatorOf(0x00081010)).isEqualTo(-1);
    assertThat(Tag.privateCreatorOf(0x00031010)).isEqualTo(-1);
  }

  @Test
  void groupLengths() {
    assertThat(Tag.isGroupLength(Tag.FileMetaInformationGroupLength)).isTrue();
    assertThat(Tag.isGroupLength(0x00090000)).isTrue();
    assertThat(Tag.isGroupLength(Tag.PatientName)).isFalse();
  }
}

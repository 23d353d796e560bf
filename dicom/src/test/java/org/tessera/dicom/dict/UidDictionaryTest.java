package org.tessera.dicom.dict;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.tessera.dicom.data.Uid;
import org.tessera.dicom.dict.UidDictionary.Entry;

class UidDictionaryTest {

  private final UidDictionary dictionary = UidDictionary.standard();

  @Test
  void ctImageStorage() {
    assertThat(dictionary.entry("1.2.840.10008.5.1.4.1.1.2"))
        .isEqualTo(new Entry(
            "1.2.840.10008.5.1.4.1.1.2", "SOP Class", "CTImageStorage", "CT Image Storage", false));
    assertThat(dictionary.nameOf(Uid.CTImageStorage)).isEqualTo("CT Image Storage");
    assertThat(dictionary.uidOf("CTImageStorage")).isEqualTo("1.2.840.10008.5.1.4.1.1.2");
  }

  @Test
  void transferSyntaxes() {
    Entry implicit = dictionary.entry("1.2.840.10008.1.2");
    assertThat(implicit.type()).isEqualTo("Transfer Syntax");
    assertThat(implicit.name()).isEqualTo("Implicit VR Little Endian");
    assertThat(implicit.keyword()).isEqualTo("ImplicitVRLittleEndian");
    assertThat(dictionary.entry(Uid.ExplicitVRBigEndian).retired()).isTrue();
    assertThat(dictionary.ofType("Transfer Syntax"))
        .hasSizeGreaterThan(40)
        .allMatch(entry -> entry.type().equals("Transfer Syntax"))
        .extracting(Entry::uid)
        .contains(Uid.ImplicitVRLittleEndian, Uid.ExplicitVRLittleEndian, Uid.JPEGBaseline8Bit)
        .doesNotContain(Uid.CTImageStorage);
    assertThat(dictionary.ofType("No Such Type")).isEmpty();
  }

  @Test
  void unknownUids() {
    assertThat(dictionary.entry("1.2.3.4")).isNull();
    assertThat(dictionary.nameOf("1.2.3.4")).isEqualTo("1.2.3.4");
    assertThat(dictionary.uidOf("NoSuchKeyword")).isNull();
  }

  @Test
  void retiredUidsWithoutANameAreKnown() {
    Entry nameless = dictionary.entry("1.2.840.10008.5.1.4.1.1.40");
    assertThat(nameless.retired()).isTrue();
    assertThat(nameless.keyword()).isNull();
    assertThat(dictionary.nameOf("1.2.840.10008.5.1.4.1.1.40"))
        .isEqualTo("1.2.840.10008.5.1.4.1.1.40");
  }

  @Test
  void storageSopClasses() {
    assertThat(dictionary.isStorageSopClass(Uid.CTImageStorage)).isTrue();
    assertThat(dictionary.isStorageSopClass(Uid.EnhancedSRStorage)).isTrue();
    assertThat(dictionary.isStorageSopClass(Uid.DigitalXRayImageStorageForProcessing)).isTrue();
    assertThat(dictionary.isStorageSopClass(Uid.HangingProtocolStorage)).isTrue();
    assertThat(dictionary.isStorageSopClass(Uid.UltrasoundMultiFrameImageStorageRetired)).isTrue();
    assertThat(dictionary.isStorageSopClass(Uid.Verification)).isFalse();
    assertThat(dictionary.isStorageSopClass(Uid.StorageCommitmentPushModel)).isFalse();
    assertThat(dictionary.isStorageSopClass(Uid.MediaStorageDirectoryStorage)).isFalse();
    assertThat(dictionary.isStorageSopClass(Uid.StudyRootQueryRetrieveInformationModelFind))
        .isFalse();
    assertThat(dictionary.isStorageSopClass(Uid.ImplicitVRLittleEndian)).isFalse();
    assertThat(dictionary.isStorageSopClass("1.2.3.4")).isFalse();
    long count = dictionary.ofType("SOP Class").stream()
        .filter(entry -> dictionary.isStorageSopClass(entry.uid()))
        .count();
    assertThat(count).isGreaterThan(150);
  }
}

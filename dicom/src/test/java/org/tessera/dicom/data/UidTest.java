package org.tessera.dicom.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UidTest {

  @Test
  void constantsAreTheRegistrysUids() {
    assertThat(Uid.ImplicitVRLittleEndian).isEqualTo("1.2.840.10008.1.2");
    assertThat(Uid.CTImageStorage).isEqualTo("1.2.840.10008.5.1.4.1.1.2");
    assertThat(Uid.Verification).isEqualTo("1.2.840.10008.1.1");
  }

  @Test
  void generatedUidsAreValidUniqueUuidUids() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String uid = Uid.generate();
      assertThat(uid).startsWith("2.25.").hasSizeLessThanOrEqualTo(64);
      assertThat(Uid.isValid(uid)).as(uid).isTrue();
      assertThat(seen.add(uid)).as("duplicate %s", uid).isTrue();
    }
  }

  @Test
  void uidsFromNamesAreStable() {
    String uid = Uid.fromName("study 1");
    assertThat(uid).startsWith("2.25.").isEqualTo(Uid.fromName("study 1"));
    assertThat(Uid.isValid(uid)).isTrue();
    assertThat(Uid.fromName("study 2")).isNotEqualTo(uid);
  }

  @Test
  void acceptsValidUids() {
    assertThat(Uid.isValid("1.2.840.10008.1.2")).isTrue();
    assertThat(Uid.isValid("0")).isTrue();
    assertThat(Uid.isValid("1.0.2")).isTrue();
    assertThat(Uid.isValid("1." + "2".repeat(62))).as("64 characters").isTrue();
  }

  @Test
  void rejectsInvalidUids() {
    for (String uid : new String[] {
        "", "1.02", "1..2", ".1", "1.2.", "1.2a", "1.2.840.10008.1.2 ", "1,2", "-1", "01"}) {
      assertThat(Uid.isValid(uid)).as("\"%s\"", uid).isFalse();
    }
    assertThat(Uid.isValid("1." + "2".repeat(63))).as("65 characters").isFalse();
    assertThat(Uid.isValid(null)).isFalse();
  }

  @Test
  void namesComeFromTheRegistry() {
    assertThat(Uid.nameOf(Uid.CTImageStorage)).isEqualTo("CT Image Storage");
    assertThat(Uid.nameOf(Uid.ExplicitVRLittleEndian)).isEqualTo("Explicit VR Little Endian");
    assertThat(Uid.nameOf("1.2.3.4")).isEqualTo("1.2.3.4");
  }
}

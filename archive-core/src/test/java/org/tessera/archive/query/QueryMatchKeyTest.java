package org.tessera.archive.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.tessera.dicom.data.Tag;

class QueryMatchKeyTest {

  @Test
  void parsesCFindValues() {
    assertThat(MatchKey.parse(Tag.StudyInstanceUID, "1.2\\1.3").values())
        .containsExactly("1.2", "1.3");
    assertThat(MatchKey.parse(Tag.Modality, "CT").values()).containsExactly("CT");
    assertThat(MatchKey.parse(Tag.Modality, "").isUniversal()).isTrue();
    assertThat(MatchKey.parse(Tag.Modality, null).isUniversal()).isTrue();
    assertThat(MatchKey.parse(Tag.Modality, "\\").isUniversal()).isTrue();
    assertThat(MatchKey.parse(Tag.Modality, "CT\\").nonEmptyValues()).containsExactly("CT");
  }

  @Test
  void universalKeys() {
    assertThat(MatchKey.universal(Tag.PatientName).isUniversal()).isTrue();
    assertThat(MatchKey.of(Tag.PatientName, "").isUniversal()).isTrue();
    assertThat(MatchKey.of(Tag.PatientName, "*").isUniversal()).isFalse();
    assertThat(MatchKey.of(Tag.PatientName).sequence()).isZero();
    assertThat(MatchKey.inSequence(Tag.RequestAttributesSequence, Tag.RequestedProcedureID, "X")
        .sequence()).isEqualTo(Tag.RequestAttributesSequence);
  }
}

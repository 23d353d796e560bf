package org.tessera.dimse.internal.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.tessera.archive.ArchiveException;
import org.tessera.archive.Problem;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.data.Uid;
import org.tessera.dimse.message.Command;
import org.tessera.dimse.message.Status;

class FindStatusTest {

  @Test
  void everyProblemIsAFailureOfItsOwnKind() {
    for (Problem p : Problem.values()) {
      assertThat(Status.category(FindStatus.status(p))).as(p.name())
          .isEqualTo(Status.Category.FAILURE);
    }
    assertThat(FindStatus.status(Problem.MISSING_ATTRIBUTE)).isEqualTo(0xA900);
    assertThat(FindStatus.status(Problem.UNAVAILABLE)).isEqualTo(0xA700);
    assertThat(FindStatus.status(Problem.CANNOT_UNDERSTAND)).isEqualTo(0xC001);
    assertThat(FindStatus.status(Problem.INTERNAL)).isEqualTo(0xC000);
  }

  @Test
  void aRefusalNamesItsReasonAndTheOffendingElement() {
    Command rq = Command.echoRq(9, Uid.StudyRootQueryRetrieveInformationModelFind);
    Command rsp = FindStatus.response(rq, new ArchiveException(Problem.MISSING_ATTRIBUTE,
        "StudyInstanceUID (0020,000D) missing: unique key above SERIES", Tag.StudyInstanceUID));
    assertThat(rsp.status()).isEqualTo(Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS);
    assertThat(rsp.messageIdBeingRespondedTo()).isEqualTo(9);
    assertThat(rsp.errorComment())
        .isEqualTo("StudyInstanceUID (0020,000D) missing: unique key above SERIES");
    assertThat(rsp.offendingElements()).containsExactly(Tag.StudyInstanceUID);
    assertThat(rsp.hasDataset()).isFalse();
  }
}

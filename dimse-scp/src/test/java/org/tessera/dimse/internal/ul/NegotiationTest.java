package org.tessera.dimse.internal.ul;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tessera.dicom.data.Uid;
import org.tessera.dicom.io.FileMetaInformation;
import org.tessera.dimse.DimseOptions;
import org.tessera.dimse.internal.pdu.AAssociateAc;
import org.tessera.dimse.internal.pdu.AAssociateRj;
import org.tessera.dimse.internal.pdu.AAssociateRq;
import org.tessera.dimse.internal.pdu.PresentationContextAc;
import org.tessera.dimse.internal.pdu.PresentationContextRq;
import org.tessera.dimse.internal.pdu.UserInformation;
import org.tessera.dimse.internal.service.EchoScp;
import org.tessera.dimse.internal.service.ServiceRegistry;
import org.tessera.dimse.internal.service.StoreScp;

class NegotiationTest {
  static final String JPEG_BASELINE = "1.2.840.10008.1.2.4.50";
  static final String PRIVATE_SYNTAX = "1.2.3.4.5.6";

  final Negotiation negotiation = new Negotiation(DimseOptions.DEFAULTS, ServiceRegistry.defaults());

  @Test
  void acceptsVerificationAndRejectsUnknownAbstractAndTransferSyntaxesPerContext() {
    var outcome = negotiation.negotiate(rq("TESSERA", 1,
        pc(1, Uid.Verification, Uid.ImplicitVRLittleEndian, Uid.ExplicitVRLittleEndian),
        pc(3, "1.2.840.10008.5.1.4.1.1.2", Uid.ImplicitVRLittleEndian),
        pc(5, Uid.Verification, PRIVATE_SYNTAX)));

    AAssociateAc ac = ((Negotiation.Accepted) outcome).ac();
    assertThat(ac.presentationContexts()).containsExactly(
        new PresentationContextAc(1, PresentationContextAc.ACCEPTANCE, Uid.ExplicitVRLittleEndian),
        new PresentationContextAc(3, PresentationContextAc.ABSTRACT_SYNTAX_NOT_SUPPORTED,
            Uid.ImplicitVRLittleEndian),
        new PresentationContextAc(5, PresentationContextAc.TRANSFER_SYNTAXES_NOT_SUPPORTED,
            PRIVATE_SYNTAX));
    assertThat(((Negotiation.Accepted) outcome).contexts()).containsOnlyKeys(1)
        .containsValue(new PresentationContext(1, Uid.Verification, Uid.ExplicitVRLittleEndian));
    assertThat(ac.calledAeTitle()).isEqualTo("TESSERA");
    assertThat(ac.callingAeTitle()).isEqualTo("SCU");
    UserInformation ui = ac.userInformation();
    assertThat(ui.maxLength()).isEqualTo(DimseOptions.DEFAULT_MAX_PDU_LENGTH);
    assertThat(ui.implementationClassUid()).isEqualTo(FileMetaInformation.IMPLEMENTATION_CLASS_UID);
    assertThat(ui.implementationVersionName())
        .isEqualTo(FileMetaInformation.IMPLEMENTATION_VERSION_NAME);
    assertThat(ui.asyncOpsWindow()).isEqualTo(new UserInformation.AsyncOpsWindow(1, 1));
  }

  @Test
  void transferSyntaxFollowsOurPreferenceThenTheProposersOrderAmongStandardOnes() {
    assertThat(negotiation.chooseTransferSyntax(
        List.of(Uid.ImplicitVRLittleEndian, Uid.ExplicitVRLittleEndian)))
        .isEqualTo(Uid.ExplicitVRLittleEndian);
    assertThat(negotiation.chooseTransferSyntax(List.of(Uid.ImplicitVRLittleEndian)))
        .isEqualTo(Uid.ImplicitVRLittleEndian);
    assertThat(negotiation.chooseTransferSyntax(List.of(PRIVATE_SYNTAX, JPEG_BASELINE)))
        .isEqualTo(JPEG_BASELINE);
    assertThat(negotiation.chooseTransferSyntax(List.of(PRIVATE_SYNTAX, "not a uid"))).isNull();

    DimseOptions implicitFirst = new DimseOptions(0, "TESSERA", DimseOptions.DEFAULT_MAX_PDU_LENGTH,
        Duration.ofSeconds(1), Duration.ofSeconds(1), 1,
        Uid.ImplicitVRLittleEndian + ", " + Uid.ExplicitVRLittleEndian);
    assertThat(new Negotiation(implicitFirst, ServiceRegistry.defaults()).chooseTransferSyntax(
        List.of(Uid.ExplicitVRLittleEndian, Uid.ImplicitVRLittleEndian)))
        .isEqualTo(Uid.ImplicitVRLittleEndian);
  }

  @Test
  void evenOrRepeatedContextIdsAreRefused() {
    var outcome = negotiation.negotiate(rq("TESSERA", 1,
        pc(2, Uid.Verification, Uid.ImplicitVRLittleEndian),
        pc(1, Uid.Verification, Uid.ImplicitVRLittleEndian),
        pc(1, Uid.Verification, Uid.ImplicitVRLittleEndian)));

    assertThat(((Negotiation.Accepted) outcome).ac().presentationContexts())
        .extracting(PresentationContextAc::result)
        .containsExactly(PresentationContextAc.NO_REASON, PresentationContextAc.ACCEPTANCE,
            PresentationContextAc.NO_REASON);
  }

  @Test
  void unknownCalledAeTitleIsRejectedPermanentlyByTheServiceUserWithReason7() {
    var outcome = negotiation.negotiate(rq("SOMEONE", 1,
        pc(1, Uid.Verification, Uid.ImplicitVRLittleEndian)));

    assertThat(((Negotiation.Rejected) outcome).rj()).isEqualTo(new AAssociateRj(1, 1, 7));
  }

  @Test
  void protocolVersionWithoutBit0IsRejectedByTheAcseProvider() {
    var outcome = negotiation.negotiate(rq("TESSERA", 2,
        pc(1, Uid.Verification, Uid.ImplicitVRLittleEndian)));

    assertThat(((Negotiation.Rejected) outcome).rj()).isEqualTo(new AAssociateRj(1, 2, 2));
    assertThat(((Negotiation.Rejected) outcome).rj().describe())
        .isEqualTo("rejected-permanent protocol-version-not-supported (source 2, reason 2)");
  }

  @Test
  void anotherApplicationContextIsRejected() {
    AAssociateRq rq = rq("TESSERA", 1, pc(1, Uid.Verification, Uid.ImplicitVRLittleEndian));
    AAssociateRq other = new AAssociateRq(1, "TESSERA", "SCU", "1.2.3",
        rq.presentationContexts(), rq.userInformation());

    assertThat(((Negotiation.Rejected) negotiation.negotiate(other)).rj())
        .isEqualTo(new AAssociateRj(1, 1, 2));
  }

  @Test
  void theLocalLimitIsATransientProviderRejection() {
    assertThat(Negotiation.localLimitExceeded().rj()).isEqualTo(new AAssociateRj(2, 3, 2));
  }

  static PresentationContextRq pc(int id, String abstractSyntax, String... transferSyntaxes) {
    return new PresentationContextRq(id, abstractSyntax, List.of(transferSyntaxes));
  }

  @Test
  void rejectsACallingAeTitleNotAllowed() {
    Negotiation only = new Negotiation(DimseOptions.DEFAULTS.withAllowedCallingAeTitles(
        "CT1, MR2"), ServiceRegistry.defaults());

    var outcome = only.negotiate(rq("TESSERA", 1, pc(1, Uid.Verification,
        Uid.ImplicitVRLittleEndian)));

    assertThat(outcome).isEqualTo(new Negotiation.Rejected(new AAssociateRj(
        AAssociateRj.REJECTED_PERMANENT, AAssociateRj.SOURCE_SERVICE_USER,
        AAssociateRj.CALLING_AE_TITLE_NOT_RECOGNIZED)));
    assertThat(new Negotiation(DimseOptions.DEFAULTS.withAllowedCallingAeTitles("CT1,SCU"),
        ServiceRegistry.defaults()).negotiate(rq("TESSERA", 1, pc(1, Uid.Verification,
        Uid.ImplicitVRLittleEndian)))).isInstanceOf(Negotiation.Accepted.class);
  }

  /**
   * The called AE title selects the archive; each archive lets in its own calling AEs, or those
   * of allowedCallingAeTitles if it has no list of its own.
   */
  @Test
  void theCalledAeTitleSelectsTheArchiveAndItsCallingAeTitles() {
    Negotiation archives = new Negotiation(DimseOptions.DEFAULTS
        .withArchives("research=RESEARCH, teaching=TEACH")
        .withArchiveCallingAeTitles("research=MODA|CT1")
        .withAllowedCallingAeTitles("SCU"), ServiceRegistry.defaults());

    assertThat(archiveOf(archives, "TESSERA", "SCU")).isEqualTo("default");
    assertThat(archiveOf(archives, "TEACH", "SCU")).isEqualTo("teaching");
    assertThat(archiveOf(archives, "RESEARCH", "MODA")).isEqualTo("research");
    assertThat(archiveOf(archives, "RESEARCH", "CT1")).isEqualTo("research");
    // SCU may call the archives that follow allowedCallingAeTitles, not research
    assertThat(archives.negotiate(rq("RESEARCH", "SCU"))).isEqualTo(new Negotiation.Rejected(
        new AAssociateRj(AAssociateRj.REJECTED_PERMANENT, AAssociateRj.SOURCE_SERVICE_USER,
            AAssociateRj.CALLING_AE_TITLE_NOT_RECOGNIZED)));
    assertThat(archives.negotiate(rq("TESSERA", "MODA"))).isEqualTo(new Negotiation.Rejected(
        new AAssociateRj(AAssociateRj.REJECTED_PERMANENT, AAssociateRj.SOURCE_SERVICE_USER,
            AAssociateRj.CALLING_AE_TITLE_NOT_RECOGNIZED)));
    assertThat(archives.negotiate(rq("research", "MODA"))).isEqualTo(new Negotiation.Rejected(
        new AAssociateRj(AAssociateRj.REJECTED_PERMANENT, AAssociateRj.SOURCE_SERVICE_USER,
            AAssociateRj.CALLED_AE_TITLE_NOT_RECOGNIZED)));
  }

  private static String archiveOf(Negotiation negotiation, String called, String calling) {
    return ((Negotiation.Accepted) negotiation.negotiate(rq(called, calling))).archive();
  }

  private static AAssociateRq rq(String called, String calling) {
    AAssociateRq rq = rq(called, 1, pc(1, Uid.Verification, Uid.ImplicitVRLittleEndian));
    return new AAssociateRq(rq.protocolVersion(), called, calling, rq.applicationContext(),
        rq.presentationContexts(), rq.userInformation());
  }

  /** PS3.7 D.3.3.4: a C-GET requestor as SCP of the storage classes; nothing else. */
  @Test
  void acceptsTheRequestorAsScpOfStorageClassesOnly() {
    Negotiation withStorage = new Negotiation(DimseOptions.DEFAULTS, ServiceRegistry.of(
        List.of(new EchoScp(), new StoreScp(null))));
    AAssociateRq rq = new AAssociateRq(1, "TESSERA", "GETSCU", AAssociateRq.DICOM_APPLICATION_CONTEXT,
        List.of(pc(1, Uid.CTImageStorage, Uid.ExplicitVRLittleEndian),
            pc(3, Uid.Verification, Uid.ImplicitVRLittleEndian),
            pc(5, Uid.MRImageStorage, Uid.ExplicitVRLittleEndian)),
        new UserInformation(16384, "1.2.3", null, null, List.of(
            new UserInformation.RoleSelection(Uid.CTImageStorage, 0, 1),
            new UserInformation.RoleSelection(Uid.Verification, 0, 1),
            new UserInformation.RoleSelection(Uid.MRImageStorage, 1, 0)), List.of(), List.of()));

    Negotiation.Accepted accepted = (Negotiation.Accepted) withStorage.negotiate(rq);

    assertThat(accepted.ac().userInformation().roleSelections())
        .containsExactly(new UserInformation.RoleSelection(Uid.CTImageStorage, 0, 1));
    assertThat(accepted.contexts().get(1).peerIsScp()).isTrue();
    assertThat(accepted.contexts().get(3).peerIsScp()).isFalse();
    assertThat(accepted.contexts().get(5).peerIsScp()).isFalse();
  }

  static AAssociateRq rq(String called, int version, PresentationContextRq... contexts) {
    return new AAssociateRq(version, called, "SCU", AAssociateRq.DICOM_APPLICATION_CONTEXT,
        List.of(contexts), new UserInformation(16384, "1.2.3", null,
            new UserInformation.AsyncOpsWindow(5, 5), List.of(), List.of(), List.of()));
  }
}

package org.tessera.dimse.internal.ul;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tessera.dicom.data.TransferSyntax;
import org.tessera.dicom.data.Uid;
import org.tessera.dicom.dict.UidDictionary;
import org.tessera.dicom.io.FileMetaInformation;
import org.tessera.dimse.ArchiveAeTitles;
import org.tessera.dimse.DimseOptions;
import org.tessera.dimse.internal.pdu.AAssociateAc;
import org.tessera.dimse.internal.pdu.AAssociateRj;
import org.tessera.dimse.internal.pdu.AAssociateRq;
import org.tessera.dimse.internal.pdu.PresentationContextAc;
import org.tessera.dimse.internal.pdu.PresentationContextRq;
import org.tessera.dimse.internal.pdu.UserInformation;
import org.tessera.dimse.internal.service.ServiceRegistry;

/**
 * Decides an A-ASSOCIATE-RQ: reject the whole association (PS3.8 Table 9-21) or accept it for
 * the archive its called AE title selects, with a result per presentation context (PS3.8
 * 9.3.3.2). Pure: no I/O, no state, so it is tested without sockets.
 */
public final class Negotiation {
  /** Our answer to an asynchronous operations window proposal: one at a time (PS3.7 D.3.3.3). */
  static final UserInformation.AsyncOpsWindow SYNCHRONOUS = new UserInformation.AsyncOpsWindow(1, 1);

  private final ArchiveAeTitles archives;
  private final long maxPduLength;
  private final List<String> preferredTransferSyntaxes;
  private final ServiceRegistry services;

  public Negotiation(DimseOptions options, ServiceRegistry services) {
    this.archives = options.archiveAeTitles();
    this.maxPduLength = options.maxPduLength();
    this.preferredTransferSyntaxes = options.transferSyntaxList();
    this.services = services;
  }

  /** The decision: exactly one of {@link Accepted} and {@link Rejected}. */
  public sealed interface Outcome permits Accepted, Rejected {
  }

  /**
   * @param ac the PDU to send
   * @param contexts the accepted contexts by ID
   * @param archive the name of the archive the called AE title selected
   */
  public record Accepted(AAssociateAc ac, Map<Integer, PresentationContext> contexts,
      String archive) implements Outcome {
  }

  /** @param rj the PDU to send */
  public record Rejected(AAssociateRj rj) implements Outcome {
  }

  /** PS3.8 Table 9-21, source 3 reason 2: we already hold as many associations as allowed. */
  public static Rejected localLimitExceeded() {
    return new Rejected(new AAssociateRj(AAssociateRj.REJECTED_TRANSIENT,
        AAssociateRj.SOURCE_SERVICE_PROVIDER_PRESENTATION, AAssociateRj.LOCAL_LIMIT_EXCEEDED));
  }

  public Outcome negotiate(AAssociateRq rq) {
    if ((rq.protocolVersion() & AAssociateRq.PROTOCOL_VERSION_1) == 0) {
      // PS3.8 9.3.2: bit 0 is version 1, the only version; other bits may be set by later ones
      return reject(AAssociateRj.SOURCE_SERVICE_PROVIDER_ACSE,
          AAssociateRj.PROTOCOL_VERSION_NOT_SUPPORTED);
    }
    if (!AAssociateRq.DICOM_APPLICATION_CONTEXT.equals(rq.applicationContext())) {
      return reject(AAssociateRj.SOURCE_SERVICE_USER,
          AAssociateRj.APPLICATION_CONTEXT_NAME_NOT_SUPPORTED);
    }
    ArchiveAeTitles.ArchiveAe called = archives.called(rq.calledAeTitle()).orElse(null);
    if (called == null) {
      return reject(AAssociateRj.SOURCE_SERVICE_USER, AAssociateRj.CALLED_AE_TITLE_NOT_RECOGNIZED);
    }
    if (!called.allows(rq.callingAeTitle())) {
      return reject(AAssociateRj.SOURCE_SERVICE_USER, AAssociateRj.CALLING_AE_TITLE_NOT_RECOGNIZED);
    }
    List<PresentationContextAc> results = new ArrayList<>();
    Map<Integer, PresentationContext> accepted = new LinkedHashMap<>();
    List<UserInformation.RoleSelection> roles = requestorScpRoles(rq);
    for (PresentationContextRq pc : rq.presentationContexts()) {
      PresentationContextAc result = decide(pc, accepted);
      results.add(result);
      if (result.accepted()) {
        boolean requestorIsScp = roles.stream()
            .anyMatch(r -> r.sopClassUid().equals(pc.abstractSyntax()));
        accepted.put(pc.id(), new PresentationContext(pc.id(), pc.abstractSyntax(),
            result.transferSyntax(), requestorIsScp));
      }
    }
    UserInformation ui = new UserInformation(maxPduLength,
        FileMetaInformation.IMPLEMENTATION_CLASS_UID,
        FileMetaInformation.IMPLEMENTATION_VERSION_NAME,
        rq.userInformation().asyncOpsWindow() == null ? null : SYNCHRONOUS,
        // no extended negotiation answered: none is supported (PS3.7 D.3.3.5)
        roles, List.of(), List.of());
    AAssociateAc ac = new AAssociateAc(AAssociateRq.PROTOCOL_VERSION_1, rq.calledAeTitle(),
        rq.callingAeTitle(), AAssociateRq.DICOM_APPLICATION_CONTEXT, results, ui);
    return new Accepted(ac, accepted, called.archive());
  }

  /**
   * PS3.7 D.3.3.4: the role selections we accept, answered with the proposed values: the
   * requestor as SCP of a storage SOP class we serve (a C-GET's C-STORE sub-operations come
   * from us). Any other proposal gets no item back, so the default roles apply to it.
   */
  private List<UserInformation.RoleSelection> requestorScpRoles(AAssociateRq rq) {
    List<UserInformation.RoleSelection> accepted = new ArrayList<>();
    for (UserInformation.RoleSelection r : rq.userInformation().roleSelections()) {
      if (r.scpRole() == 1 && services.supports(r.sopClassUid())
          && UidDictionary.standard().isStorageSopClass(r.sopClassUid())
          && accepted.stream().noneMatch(a -> a.sopClassUid().equals(r.sopClassUid()))) {
        accepted.add(new UserInformation.RoleSelection(r.sopClassUid(), r.scuRole(), 1));
      }
    }
    return accepted;
  }

  private PresentationContextAc decide(PresentationContextRq pc,
      Map<Integer, PresentationContext> acceptedSoFar) {
    // PS3.8 9.3.2.2: IDs are odd and unique; a context breaking that is refused, not guessed at
    if (pc.id() % 2 == 0 || acceptedSoFar.containsKey(pc.id())) {
      return rejected(pc, PresentationContextAc.NO_REASON);
    }
    if (!services.supports(pc.abstractSyntax())) {
      return rejected(pc, PresentationContextAc.ABSTRACT_SYNTAX_NOT_SUPPORTED);
    }
    String ts = chooseTransferSyntax(pc.transferSyntaxes());
    return ts == null ? rejected(pc, PresentationContextAc.TRANSFER_SYNTAXES_NOT_SUPPORTED)
        : new PresentationContextAc(pc.id(), PresentationContextAc.ACCEPTANCE, ts);
  }

  /** Our preference order first, then the proposer's order among standard syntaxes. */
  String chooseTransferSyntax(List<String> proposed) {
    for (String preferred : preferredTransferSyntaxes) {
      if (proposed.contains(preferred)) {
        return preferred;
      }
    }
    for (String ts : proposed) {
      if (Uid.isValid(ts) && TransferSyntax.of(ts).isStandard()) {
        return ts;
      }
    }
    return null;
  }

  /**
   * PS3.8 9.3.3.2: the transfer syntax sub-item is present but not significant in a rejected
   * context; we repeat the first proposed one (or Implicit VR Little Endian) so that it always
   * holds a well-formed UID.
   */
  private static PresentationContextAc rejected(PresentationContextRq pc, int result) {
    String ts = pc.transferSyntaxes().isEmpty() ? Uid.ImplicitVRLittleEndian
        : pc.transferSyntaxes().get(0);
    return new PresentationContextAc(pc.id(), result, ts);
  }

  private static Rejected reject(int source, int reason) {
    return new Rejected(new AAssociateRj(AAssociateRj.REJECTED_PERMANENT, source, reason));
  }
}

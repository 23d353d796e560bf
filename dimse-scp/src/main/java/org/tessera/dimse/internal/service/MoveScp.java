package org.tessera.dimse.internal.service;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.tessera.archive.retrieve.RetrieveService;
import org.tessera.archive.retrieve.StoredInstance;
import org.tessera.archive.storage.BlobStore;
import org.tessera.dicom.data.TransferSyntax;
import org.tessera.dicom.data.Uid;
import org.tessera.dimse.AeAccess;
import org.tessera.dimse.MoveDestinations;
import org.tessera.dimse.message.Command;
import org.tessera.dimse.message.Dimse;
import org.tessera.dimse.message.Status;
import org.tessera.dimse.scu.ClientAssociation;
import org.tessera.dimse.scu.DimseClient;
import org.tessera.dimse.scu.ProposedContext;

/**
 * The C-MOVE SCP of the Query/Retrieve Service Class (PS3.4 C.4.2), Patient Root and Study
 * Root: the identifier's instances go to the Move Destination, a configured AE, over a new
 * association of our C-STORE SCU, as stored (no transcoding), one after another with a pending
 * response after each. The calling AE retrieves what {@link AeAccess} lets it see of the archive
 * its called AE title selects; that AE title is our calling AE title towards the destination,
 * so the destination sees which archive sends.
 */
public final class MoveScp implements DimseService {
  private final Vertx vertx;
  private final RetrieveService retrieve;
  private final BlobStore blobs;
  private final DimseClient client;
  private final MoveDestinations destinations;
  private final AeAccess access;

  public MoveScp(Vertx vertx, RetrieveService retrieve, BlobStore blobs, DimseClient client,
      MoveDestinations destinations, AeAccess access) {
    this.vertx = vertx;
    this.retrieve = retrieve;
    this.blobs = blobs;
    this.client = client;
    this.destinations = destinations;
    this.access = access;
  }

  @Override
  public Set<String> sopClasses() {
    return Set.of(Uid.PatientRootQueryRetrieveInformationModelMove,
        Uid.StudyRootQueryRetrieveInformationModelMove);
  }

  @Override
  public Future<DimseResponse> onRequest(DimseRequest request) {
    Command rq = request.command();
    if (rq.dimse() != Dimse.C_MOVE_RQ) {
      return DimseResponse.refuse(rq, Status.UNRECOGNIZED_OPERATION, rq.dimse() + " on a MOVE context");
    }
    if (request.dataset() == null) {
      return DimseResponse.refuse(rq, Status.UNABLE_TO_PROCESS, "C-MOVE-RQ without an identifier");
    }
    MoveDestinations.Destination destination = destinations.find(rq.moveDestination())
        .orElse(null);
    if (destination == null) {
      return DimseResponse.refuse(rq, Status.MOVE_DESTINATION_UNKNOWN, "Move Destination '"
          + rq.moveDestination() + "' is not a configured AE");
    }
    boolean patientRoot =
        request.abstractSyntax().equals(Uid.PatientRootQueryRetrieveInformationModelMove);
    return identifier(vertx, request, patientRoot)
        .compose(id -> retrieve.instancesOf(request.archive(), id.level(), id.keys(),
            access.of(request.callingAeTitle())))
        .compose(instances -> move(request, destination, instances),
            e -> Future.succeededFuture(RetrieveFailures.response(rq, e)));
  }

  /** The identifier's level and unique keys. */
  static Future<RetrieveIdentifier> identifier(Vertx vertx, DimseRequest request,
      boolean patientRoot) {
    return IdentifierReader.read(vertx, request).map(ids -> RetrieveIdentifier.of(ids, patientRoot));
  }

  private Future<DimseResponse> move(DimseRequest request,
      MoveDestinations.Destination destination, List<StoredInstance> instances) {
    Command rq = request.command();
    if (instances.isEmpty()) {
      // no sub-operation, no association: the final response with zero counts
      return SubOperations.run(vertx, request, instances, i -> null, file -> null);
    }
    return client.open(destination.host(), destination.port(), destination.aeTitle(),
            request.calledAeTitle(), contexts(instances))
        .transform(opened -> {
          if (opened.failed()) {
            return Future.succeededFuture(SubOperations.allFailed(rq, instances,
                "cannot associate with " + destination.aeTitle() + ": "
                + opened.cause().getMessage()));
          }
          ClientAssociation association = opened.result();
          return SubOperations.run(vertx, request, instances, i -> blobs.path(i.blobKey()),
                  file -> association.store(file, request.callingAeTitle(), rq.messageId()))
              .eventually(() -> association.release()
                  .recover(e -> Future.succeededFuture()));
        });
  }

  /**
   * One presentation context per SOP class and stored transfer syntax, proposing the stored
   * syntax first (the file goes as stored) and, for an uncompressed one, Explicit and Implicit
   * VR Little Endian after it, which every SCP accepts (PS3.5 10.1: Implicit is the default):
   * re-encoded then. At most 128 contexts (PS3.8 9.3.2.2); instances beyond fail their
   * sub-operation.
   */
  static List<ProposedContext> contexts(List<StoredInstance> instances) {
    Set<List<String>> pairs = new LinkedHashSet<>();
    for (StoredInstance i : instances) {
      pairs.add(List.of(i.sopClassUid(), i.transferSyntaxUid()));
    }
    List<ProposedContext> contexts = new ArrayList<>();
    for (List<String> pair : pairs) {
      if (contexts.size() == 128) {
        break;
      }
      Set<String> syntaxes = new LinkedHashSet<>(List.of(pair.get(1)));
      if (TransferSyntax.UNCOMPRESSED.contains(TransferSyntax.of(pair.get(1)))) {
        syntaxes.add(Uid.ExplicitVRLittleEndian);
        syntaxes.add(Uid.ImplicitVRLittleEndian);
      }
      contexts.add(new ProposedContext(pair.get(0), List.copyOf(syntaxes)));
    }
    return contexts;
  }
}

package org.tessera.dimse.internal.service;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Set;
import org.tessera.archive.retrieve.RetrieveService;
import org.tessera.archive.storage.BlobStore;
import org.tessera.dicom.data.Uid;
import org.tessera.dimse.AeAccess;
import org.tessera.dimse.message.Command;
import org.tessera.dimse.message.Dimse;
import org.tessera.dimse.message.Status;

/**
 * The C-GET SCP of the Query/Retrieve Service Class (PS3.4 C.4.3), Patient Root and Study Root:
 * the identifier's instances go back to the requestor as C-STORE sub-operations on the same
 * association, on the storage contexts for which it took the SCP role, as stored (no
 * transcoding). An instance without such a context fails its sub-operation. The calling AE
 * retrieves what {@link AeAccess} lets it see of the archive its called AE title selects.
 */
public final class GetScp implements DimseService {
  private final Vertx vertx;
  private final RetrieveService retrieve;
  private final BlobStore blobs;
  private final AeAccess access;

  public GetScp(Vertx vertx, RetrieveService retrieve, BlobStore blobs, AeAccess access) {
    this.vertx = vertx;
    this.retrieve = retrieve;
    this.blobs = blobs;
    this.access = access;
  }

  @Override
  public Set<String> sopClasses() {
    return Set.of(Uid.PatientRootQueryRetrieveInformationModelGet,
        Uid.StudyRootQueryRetrieveInformationModelGet);
  }

  @Override
  public Future<DimseResponse> onRequest(DimseRequest request) {
    Command rq = request.command();
    if (rq.dimse() != Dimse.C_GET_RQ) {
      return DimseResponse.refuse(rq, Status.UNRECOGNIZED_OPERATION,
          rq.dimse() + " on a GET context");
    }
    if (request.dataset() == null) {
      return DimseResponse.refuse(rq, Status.UNABLE_TO_PROCESS, "C-GET-RQ without an identifier");
    }
    boolean patientRoot =
        request.abstractSyntax().equals(Uid.PatientRootQueryRetrieveInformationModelGet);
    return MoveScp.identifier(vertx, request, patientRoot)
        .compose(id -> retrieve.instancesOf(request.archive(), id.level(), id.keys(),
            access.of(request.callingAeTitle())))
        .compose(instances -> SubOperations.run(vertx, request, instances,
                i -> blobs.path(i.blobKey()), request.replies()::store),
            e -> Future.succeededFuture(RetrieveFailures.response(rq, e)));
  }
}

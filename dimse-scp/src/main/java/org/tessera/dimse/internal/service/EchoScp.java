package org.tessera.dimse.internal.service;

import io.vertx.core.Future;
import java.util.Set;
import org.tessera.dicom.data.Uid;
import org.tessera.dimse.message.Command;
import org.tessera.dimse.message.Dimse;
import org.tessera.dimse.message.Status;

/**
 * The Verification SOP Class SCP (PS3.4 Annex A): C-ECHO-RQ is answered with success
 * (PS3.7 9.3.5.2: Affected SOP Class UID and Message ID Being Responded To copied, no data set).
 */
public final class EchoScp implements DimseService {

  @Override
  public Set<String> sopClasses() {
    return Set.of(Uid.Verification);
  }

  @Override
  public Future<DimseResponse> onRequest(DimseRequest request) {
    Command rq = request.command();
    // PS3.7 C.4.2: any other operation on a Verification context is not one this class has
    int status = rq.dimse() == Dimse.C_ECHO_RQ ? Status.SUCCESS : Status.UNRECOGNIZED_OPERATION;
    return Future.succeededFuture(DimseResponse.of(Command.response(rq, status)));
  }
}

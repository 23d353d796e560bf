package org.tessera.dimse.internal.service;

import io.vertx.core.Future;
import org.tessera.dicom.data.Attributes;
import org.tessera.dimse.message.Command;

/**
 * A service's final response: the command and, for the responses that carry one, a data set
 * (C-GET and C-MOVE's Failed SOP Instance UID List, PS3.4 C.4.2.1.4).
 *
 * @param command the response command set
 * @param dataset sent after it in the request's transfer syntax, or null
 */
public record DimseResponse(Command command, Attributes dataset) {

  public static DimseResponse of(Command command) {
    return new DimseResponse(command, null);
  }

  /** A request refused before any work: {@code status} with {@code why} as Error Comment. */
  public static Future<DimseResponse> refuse(Command rq, int status, String why) {
    return Future.succeededFuture(of(Command.response(rq, status).withErrorComment(why)));
  }

  /** This response with Error Comment (0000,0902). */
  public DimseResponse withComment(String comment) {
    return new DimseResponse(command.withErrorComment(comment), dataset);
  }
}

package org.tessera.dimse.scu;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.tessera.dicom.io.FileMetaInformation;
import org.tessera.dimse.internal.pdu.AAssociateRq;
import org.tessera.dimse.internal.pdu.PresentationContextRq;
import org.tessera.dimse.internal.pdu.UserInformation;
import org.tessera.dimse.internal.ul.Requestor;

/**
 * The SCU side of DIMSE: opens associations to other AEs (modalities, PACS, C-MOVE
 * destinations) on the same Upper Layer code the server runs. Non-blocking; one client serves
 * any number of associations.
 */
public final class DimseClient {
  /** The maximum PDU length we announce: what we accept in one P-DATA-TF. */
  public static final int MAX_PDU_LENGTH = 256 * 1024;

  private final Vertx vertx;
  private final NetClient net;
  private final String callingAeTitle;
  private final Duration timeout;

  /**
   * @param callingAeTitle our AE title in the requests, unless {@link #open(String, int, String,
   *     String, List)} names another
   * @param timeout for connecting, for the A-ASSOCIATE answer and for the release answer
   */
  public DimseClient(Vertx vertx, String callingAeTitle, Duration timeout) {
    this.vertx = vertx;
    this.callingAeTitle = callingAeTitle;
    this.timeout = timeout;
    this.net = vertx.createNetClient(new NetClientOptions().setTcpNoDelay(true)
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis())));
  }

  /**
   * Connects and requests an association proposing {@code contexts} (IDs 1, 3, 5 ... in order).
   *
   * @return the association, once accepted; fails with the rejection or abort reason
   */
  public Future<ClientAssociation> open(String host, int port, String calledAeTitle,
      List<ProposedContext> contexts) {
    return open(host, port, calledAeTitle, callingAeTitle, contexts);
  }

  /**
   * As {@link #open(String, int, String, List)}, calling as {@code callingAeTitle}: the AE title
   * of the archive on whose behalf we associate (a C-MOVE's, PS3.4 C.4.2.3).
   */
  public Future<ClientAssociation> open(String host, int port, String calledAeTitle,
      String callingAeTitle, List<ProposedContext> contexts) {
    if (contexts.isEmpty() || contexts.size() > 128) {
      return Future.failedFuture(new IllegalArgumentException(
          "an association proposes 1 to 128 presentation contexts, not " + contexts.size()));
    }
    List<PresentationContextRq> pcs = new ArrayList<>();
    for (int i = 0; i < contexts.size(); i++) {
      ProposedContext c = contexts.get(i);
      pcs.add(new PresentationContextRq(2 * i + 1, c.abstractSyntax(), c.transferSyntaxes()));
    }
    UserInformation ui = new UserInformation(MAX_PDU_LENGTH,
        FileMetaInformation.IMPLEMENTATION_CLASS_UID,
        FileMetaInformation.IMPLEMENTATION_VERSION_NAME, null, List.of(), List.of(), List.of());
    AAssociateRq rq = new AAssociateRq(AAssociateRq.PROTOCOL_VERSION_1, calledAeTitle,
        callingAeTitle, AAssociateRq.DICOM_APPLICATION_CONTEXT, pcs, ui);
    return net.connect(port, host)
        .compose(socket -> Requestor.open(vertx, socket, rq, MAX_PDU_LENGTH, timeout))
        .map(requestor -> new ClientAssociation(vertx, requestor));
  }

  public Future<Void> close() {
    return net.close();
  }
}

package org.tessera.dimse;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.ArrayList;
import java.util.List;
import org.tessera.archive.ArchiveServices;
import org.tessera.dicom.dict.UidDictionary;
import org.tessera.dimse.internal.service.DimseService;
import org.tessera.dimse.internal.service.EchoScp;
import org.tessera.dimse.internal.service.ServiceRegistry;
import org.tessera.dimse.internal.service.FindScp;
import org.tessera.dimse.internal.service.GetScp;
import org.tessera.dimse.internal.service.MoveScp;
import org.tessera.dimse.internal.service.StoreScp;
import org.tessera.dimse.scu.DimseClient;
import org.tessera.dimse.internal.ul.Acceptor;

/**
 * The DIMSE port of a node: a NetServer on which every connection runs the acceptor side of the
 * DICOM Upper Layer (PS3.8) and the services: Verification (C-ECHO) and, given an archive,
 * Storage (C-STORE) into its ingest pipeline, and Query/Retrieve (Patient Root and Study Root):
 * C-FIND on its query engine, C-MOVE to configured AEs and C-GET on the same association. The
 * called AE title of an association selects the archive these work on ({@link ArchiveAeTitles});
 * the archives must exist in the index.
 */
public final class DimseServer extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(DimseServer.class);

  private final DimseOptions options;
  private final ArchiveServices archive;
  private volatile DimseClient client;
  private volatile NetServer server;
  private volatile Acceptor acceptor;

  /** A server with every service, onto {@code archive}. */
  public DimseServer(DimseOptions options, ArchiveServices archive) {
    this.options = options;
    this.archive = archive;
  }

  /** A server that answers C-ECHO only: the Upper Layer without an archive behind it. */
  public DimseServer(DimseOptions options) {
    this(options, null);
  }

  @Override
  public Future<?> start() {
    // the UID dictionary (which transfer syntaxes are standard) loads from the class path:
    // do it on a worker, not on the first association's event loop
    return vertx.executeBlocking(UidDictionary::standard)
        .compose(loaded -> {
          acceptor = new Acceptor(vertx, options, services());
          return vertx.createNetServer(new NetServerOptions().setTcpNoDelay(true))
              .connectHandler(acceptor::accept)
              .listen(options.port());
        })
        .onSuccess(listening -> {
          server = listening;
          LOG.debug("DIMSE listening on port {} as {}", listening.actualPort(),
              options.archiveAeTitles().all().stream()
                  .map(ae -> ae.aeTitle() + " (" + ae.archive() + ")").toList());
        })
        .recover(e -> Future.failedFuture(new IllegalStateException(
            "cannot listen on DICOM port " + options.port() + ": " + e.getMessage(), e)));
  }

  private ServiceRegistry services() {
    List<DimseService> services = new ArrayList<>();
    services.add(new EchoScp());
    if (archive != null) {
      client = new DimseClient(vertx, options.aeTitle(), options.artimTimeout());
      services.add(new StoreScp(archive.ingest()));
      AeAccess access = options.aeAccessMap();
      services.add(new FindScp(vertx, archive.query(), access));
      services.add(new MoveScp(vertx, archive.retrieve(), archive.blobs(), client,
          options.moveDestinationMap(), access));
      services.add(new GetScp(vertx, archive.retrieve(), archive.blobs(), access));
    }
    return ServiceRegistry.of(services);
  }

  @Override
  public Future<?> stop() {
    NetServer s = server;
    DimseClient c = client;
    Future<Void> closed = s == null ? Future.succeededFuture() : s.close();
    return c == null ? closed : closed.eventually(c::close);
  }

  /** The port actually bound (resolves port 0); valid once {@link #start()} has succeeded. */
  public int actualPort() {
    return server.actualPort();
  }

  /** Associations currently open (negotiating or established). */
  public int activeAssociations() {
    Acceptor a = acceptor;
    return a == null ? 0 : a.active();
  }
}

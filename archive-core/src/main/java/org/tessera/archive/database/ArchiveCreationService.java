package org.tessera.archive.database;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tessera.archive.ArchiveException;
import org.tessera.archive.Problem;
import org.tessera.archive.internal.index.Collections;
import org.tessera.archive.internal.index.QuerySql;

/**
 * Creates the archives a node is configured with, at start-up, for every protocol that names
 * archives (DIMSE called AE titles, later DICOMweb paths). Creating an existing archive does
 * nothing, so nodes may run it at every start and several at once. Archives are never deleted
 * here: a name dropped from the configuration keeps its instances in the index.
 */
public final class ArchiveCreationService {
  private static final Logger LOG = LoggerFactory.getLogger(ArchiveCreationService.class);
  /** Names also appear in URLs ({@code /archives/{archive}/dicom-web}): nothing to escape. */
  private static final Pattern NAME = Pattern.compile("[a-z0-9_-]+");

  private final Pool pool;

  public ArchiveCreationService(Pool pool) {
    this.pool = pool;
  }

  /** Whether {@code name} may name an archive: lowercase letters, digits, - and _. */
  public static boolean isValidName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /**
   * Creates each archive of {@code names} that does not exist yet, one after another.
   *
   * @return the names of the archives created, in the order given; fails with INVALID_REQUEST,
   *     creating none, if a name is not valid
   */
  public Future<List<String>> createMissing(List<String> names) {
    for (String name : names) {
      if (!isValidName(name)) {
        return Future.failedFuture(new ArchiveException(Problem.INVALID_REQUEST, "archive name '"
            + name + "' is not lowercase letters, digits, - and _"));
      }
    }
    List<String> created = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (String name : names) {
      chain = chain.compose(v -> Collections.createArchive(pool, name)
          .recover(e -> Future.failedFuture(QuerySql.failure(e)))
          .map(isNew -> {
            if (isNew) {
              LOG.info("created archive '{}'", name);
              created.add(name);
            }
            return null;
          }));
    }
    return chain.map(v -> List.copyOf(created));
  }
}

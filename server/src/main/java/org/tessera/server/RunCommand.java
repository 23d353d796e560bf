package org.tessera.server;

import java.nio.file.Path;
import java.util.Objects;
import org.tessera.server.config.TesseraConfig;

/**
 * {@code tessera run}: start a node and keep it running until the process is stopped.
 *
 * @param config the node's configuration, every source applied and every path absolute
 */
record RunCommand(TesseraConfig config) implements Command {

  RunCommand {
    Objects.requireNonNull(config, "config");
  }

  /** The HTTP port; 0 binds any free port (the log names the one chosen). */
  int httpPort() {
    return config.http().port();
  }

  /** The directory holding everything the node stores; created if missing. */
  Path dataDir() {
    return config.data();
  }
}

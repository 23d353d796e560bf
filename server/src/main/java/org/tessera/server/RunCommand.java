package org.tessera.server;

import java.nio.file.Path;
import java.util.Objects;

/**
 * {@code tessera run}: start a node and keep it running until the process is stopped.
 *
 * @param httpPort the HTTP port; 0 binds any free port (the log names the one chosen)
 * @param dataDir  the directory holding everything the node stores; created if missing
 */
record RunCommand(int httpPort, Path dataDir) implements Command {

  static final int DEFAULT_HTTP_PORT = 8080;
  static final Path DEFAULT_DATA_DIR = Path.of("data");

  RunCommand {
    if (httpPort < 0 || httpPort > 65535) {
      throw new IllegalArgumentException("httpPort out of range: " + httpPort);
    }
    Objects.requireNonNull(dataDir, "dataDir");
  }

  static RunCommand defaults() {
    return new RunCommand(DEFAULT_HTTP_PORT, DEFAULT_DATA_DIR);
  }

  RunCommand withHttpPort(int port) {
    return new RunCommand(port, dataDir);
  }

  RunCommand withDataDir(Path dir) {
    return new RunCommand(httpPort, dir);
  }
}

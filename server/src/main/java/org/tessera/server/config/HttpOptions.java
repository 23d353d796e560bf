package org.tessera.server.config;

/**
 * The HTTP port of a node.
 *
 * @param port TCP port to listen on; 0 picks a free one
 */
public record HttpOptions(int port) {
  public static final int DEFAULT_PORT = 8080;

  public static final HttpOptions DEFAULTS = new HttpOptions(DEFAULT_PORT);
}

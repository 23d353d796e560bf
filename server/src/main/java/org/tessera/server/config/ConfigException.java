package org.tessera.server.config;

import java.util.List;

/**
 * A configuration that cannot be used. Each problem names its source (file and line, environment
 * variable or flag), the key path and what the key accepts, for an operator to fix.
 */
public final class ConfigException extends RuntimeException {

  private final List<String> problems;

  ConfigException(String problem) {
    this(List.of(problem));
  }

  ConfigException(List<String> problems) {
    // expected failure: no stack trace
    super(String.join("\n", problems), null, false, false);
    this.problems = List.copyOf(problems);
  }

  /** One line per problem found, in the order the sources were read. */
  public List<String> problems() {
    return problems;
  }
}

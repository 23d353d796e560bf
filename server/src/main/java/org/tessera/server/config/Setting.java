package org.tessera.server.config;

/**
 * One value for one key from one source, still text.
 *
 * @param key the key path as written ({@code http.port}); may name no key or a section
 * @param kind what the source held
 * @param text the value; null for a mapping
 * @param source where it came from, for messages: {@code /etc/tessera.yaml:7},
 *     {@code TESSERA_HTTP_PORT}, {@code --http-port}
 */
record Setting(String key, Kind kind, String text, String source) {

  /** What a source held at a key. */
  enum Kind {
    /** A scalar; YAML's null ({@code key:} with nothing after it, {@code ~}) is the empty string. */
    VALUE,
    /** A YAML mapping: fine for a section, wrong for a value key. */
    MAPPING
  }

  static Setting value(String key, String text, String source) {
    return new Setting(key, Kind.VALUE, text, source);
  }
}

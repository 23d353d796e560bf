package org.tessera.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version this build was made from (the Maven project version, filtered into a resource at build time). */
final class TesseraVersion {

  private static final String RESOURCE = "version.properties";
  private static final String CURRENT = load();

  private TesseraVersion() {
  }

  static String current() {
    return CURRENT;
  }

  private static String load() {
    try (InputStream in = TesseraVersion.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the build");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

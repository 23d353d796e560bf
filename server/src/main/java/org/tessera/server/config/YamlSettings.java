package org.tessera.server.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a YAML configuration file into flat settings: nested mappings become dotted key paths,
 * each with the line it is on. Only the shape is checked here (one mapping, no lists, no key
 * twice); whether a key exists and what its value means is {@link ConfigLoader}'s business.
 * Scalars are kept as the text written, so {@code port: 8080} and {@code port: "8080"} mean the
 * same and a value reads alike from the file, the environment and a flag.
 */
final class YamlSettings {

  private static final YAMLFactory YAML = YAMLFactory.builder().build();

  private YamlSettings() {
  }

  /**
   * Every key in {@code file}, in file order; a mapping is listed before its keys.
   *
   * @throws ConfigException if the file cannot be read, is not YAML, or is not one mapping of
   *     keys to scalars and mappings
   */
  static List<Setting> readBlocking(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
         JsonParser parser = YAML.createParser(reader)) {
      List<Setting> settings = new ArrayList<>();
      JsonToken first = parser.nextToken();
      if (first == null) {
        return settings;
      }
      if (first != JsonToken.START_OBJECT) {
        throw problem(file, parser.currentTokenLocation(),
            "the file must be a mapping of keys such as 'http:', not a single value or a list");
      }
      new Walk(file, parser, settings).mapping("");
      if (parser.nextToken() != null) {
        throw problem(file, parser.currentTokenLocation(), "the file must hold one YAML document, not several");
      }
      return settings;
    } catch (JsonProcessingException e) {
      String message = e.getOriginalMessage();
      int newline = message.indexOf('\n');
      throw problem(file, e.getLocation(),
          "not valid YAML: " + (newline < 0 ? message : message.substring(0, newline)));
    } catch (IOException e) {
      throw new ConfigException("cannot read configuration file " + file + ": " + e);
    }
  }

  private static ConfigException problem(Path file, JsonLocation location, String message) {
    return new ConfigException(source(file, location) + ": " + message);
  }

  private static String source(Path file, JsonLocation location) {
    return location == null || location.getLineNr() < 1 ? file.toString() : file + ":" + location.getLineNr();
  }

  /** One pass over the token stream, remembering where each key was first seen. */
  private static final class Walk {
    private final Path file;
    private final JsonParser parser;
    private final List<Setting> settings;
    private final Map<String, Integer> lines = new HashMap<>();

    Walk(Path file, JsonParser parser, List<Setting> settings) {
      this.file = file;
      this.parser = parser;
      this.settings = settings;
    }

    /** Reads the mapping whose START_OBJECT is the current token, up to its END_OBJECT. */
    void mapping(String prefix) throws IOException {
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        JsonLocation location = parser.currentTokenLocation();
        String key = prefix.isEmpty() ? parser.currentName() : prefix + "." + parser.currentName();
        Integer first = lines.putIfAbsent(key, location.getLineNr());
        if (first != null) {
          throw problem(file, location, key + " is set twice (first on line " + first + ")");
        }
        String source = source(file, location);
        JsonToken value = parser.nextToken();
        switch (value) {
          case START_OBJECT -> {
            settings.add(new Setting(key, Setting.Kind.MAPPING, null, source));
            mapping(key);
          }
          case START_ARRAY -> throw problem(file, location, key + ": lists are not supported here");
          case VALUE_NULL -> settings.add(Setting.value(key, "", source));
          default -> settings.add(Setting.value(key, parser.getText(), source));
        }
      }
    }
  }
}

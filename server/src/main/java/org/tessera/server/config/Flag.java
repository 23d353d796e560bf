package org.tessera.server.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The flags of {@code tessera run}. Each takes {@code --name value} or {@code --name=value}; all
 * but {@code --config} set keys, in command-line order, so the last one for a key wins.
 */
enum Flag {
  CONFIG("--config", "FILE", null, "read this YAML file instead of ./tessera.yaml"),
  DATA("--data", "DIR", "data", "directory that holds everything the node stores"),
  HTTP_PORT("--http-port", "N", "http.port", "HTTP port; 0 picks a free one"),
  DICOM_PORT("--dicom-port", "N", "dimse.port", "DICOM (DIMSE) port; 0 picks a free one"),
  AE_TITLE("--ae-title", "AET", "dimse.aeTitle", "called AE title of the archive"),
  MOVE_DESTINATION("--move-destination", "AET=HOST:PORT", "dimse.moveDestinations",
      "an AE that C-MOVE may send to; repeatable, replaces the configured list"),
  DB("--db", "URL", "database.url", "postgresql://user:password@host:port/db; empty runs the embedded server"),
  SET("--set", "KEY=VALUE", null, "set any key, e.g. --set storage.fsync=false; repeatable");

  /**
   * The flags of one command line.
   *
   * @param configFile the value of the last {@code --config}, or null
   * @param settings the keys set, in command-line order
   */
  record Parsed(String configFile, List<Setting> settings) {
  }

  final String longName;
  final String argument;
  /** The key this flag sets; null for {@code --config} and {@code --set}. */
  final String key;
  final String description;

  Flag(String name, String argument, String key, String description) {
    this.longName = name;
    this.argument = argument;
    this.key = key;
    this.description = description;
  }

  /**
   * Splits {@code args} into settings, checking only their syntax: values are checked with
   * every other source's.
   *
   * @throws ConfigException naming every unknown flag, missing value and stray argument
   */
  static Parsed parse(List<String> args) {
    List<String> problems = new ArrayList<>();
    List<Setting> settings = new ArrayList<>();
    String configFile = null;
    List<String> destinations = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg : arg.substring(0, eq);
      Optional<Flag> flag = Arrays.stream(values()).filter(f -> f.longName.equals(name)).findFirst();
      if (flag.isEmpty()) {
        problems.add(arg.startsWith("-")
            ? "unknown flag '" + name + "' (see 'tessera run --help')"
            : "unexpected argument '" + arg + "'");
        continue;
      }
      String value;
      if (eq >= 0) {
        value = arg.substring(eq + 1);
      } else if (i + 1 < args.size()) {
        value = args.get(++i);
      } else {
        problems.add(name + " needs a value: " + name + " " + flag.get().argument);
        continue;
      }
      switch (flag.get()) {
        case CONFIG -> configFile = value;
        case MOVE_DESTINATION -> destinations.add(value);
        case SET -> keyValue(value).ifPresentOrElse(settings::add,
            () -> problems.add(name + " needs KEY=VALUE, not '" + value + "'"));
        default -> settings.add(Setting.value(flag.get().key, value, name));
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    if (!destinations.isEmpty()) {
      // the entries of all --move-destination flags together make one list
      settings.add(Setting.value(MOVE_DESTINATION.key, String.join(",", destinations),
          MOVE_DESTINATION.longName));
    }
    return new Parsed(configFile, settings);
  }

  private static Optional<Setting> keyValue(String value) {
    int eq = value.indexOf('=');
    return eq > 0
        ? Optional.of(Setting.value(value.substring(0, eq), value.substring(eq + 1), SET.longName))
        : Optional.empty();
  }

  /** One line per flag: name, argument, description, and the key and default it sets. */
  static String help(ConfigSchema<?> schema) {
    return Arrays.stream(values())
        .map(flag -> "  %-18s %s%s".formatted(flag.longName + " " + flag.argument, flag.description,
            flag.key == null ? "" : keyAndDefault(schema, flag.key)))
        .collect(Collectors.joining("\n"));
  }

  private static String keyAndDefault(ConfigSchema<?> schema, String key) {
    Object defaultValue = schema.key(key).orElseThrow().defaultValue();
    String shown = defaultValue instanceof String text && text.isEmpty() ? "empty" : ValueSyntax.format(defaultValue);
    return " (" + key + ", default " + shown + ")";
  }
}

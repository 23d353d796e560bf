package org.tessera.server.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the {@link TesseraConfig} of a node from, lowest precedence first: the records'
 * defaults, one YAML file, {@code TESSERA_*} environment variables, and the flags of
 * {@code tessera run}. The only class that reads any of them.
 *
 * <p>Keys are the record component names, joined by dots per nested record ({@code http.port},
 * {@code storage.staleTempAge}); they come from the records by reflection, so a new options
 * record or component needs no code here. {@code docs/tessera.example.yaml} lists them all.
 *
 * <ul>
 *   <li>File: {@code --config FILE}, else {@code $TESSERA_CONFIG} (ignored if empty), else
 *       {@code tessera.yaml} in the working directory if there is one. A file named by the flag
 *       or the variable must exist. Relative names are taken from the working directory.
 *   <li>Environment: {@code TESSERA_} and the key path in upper snake case, segments joined by
 *       {@code _}: {@code dimse.aeTitle} is {@code TESSERA_DIMSE_AE_TITLE}. Variables that name
 *       no key are ignored, since the launcher has its own ({@code TESSERA_JAVA_OPTS},
 *       {@code TESSERA_CONFIG}); so a misspelt one is ignored too.
 *   <li>Flags: see {@link #flagHelp()}; {@code --set KEY=VALUE} reaches every key.
 * </ul>
 *
 * <p>Values are spelled alike in every source (see {@link ValueSyntax}) and checked alike (see
 * {@link ValueChecks}). Every unknown key and bad value in the file, environment and flags is
 * reported in one {@link ConfigException}.
 */
public final class ConfigLoader {

  /** The environment variable naming the configuration file. */
  public static final String CONFIG_ENV = "TESSERA_CONFIG";
  /** The file read from the working directory when none is named. */
  public static final String DEFAULT_FILE = "tessera.yaml";

  static final ConfigSchema<TesseraConfig> SCHEMA =
      ConfigSchema.of(TesseraConfig.class, TesseraConfig.DEFAULTS);

  private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);
  private static final String DATA_KEY = "data";

  private ConfigLoader() {
  }

  /**
   * The configuration {@code flags}, {@code env} and the file they name (or the default file)
   * describe. Paths are left as written; see {@link #resolvePaths}.
   *
   * @param flags the arguments of {@code tessera run}, after the command name
   * @param env the environment ({@code System.getenv()} in production)
   * @param workingDir where relative file names are taken from and {@code tessera.yaml} is
   *     looked for
   * @throws ConfigException listing every problem, each with its source and key
   */
  public static TesseraConfig loadBlocking(List<String> flags, Map<String, String> env, Path workingDir) {
    Flag.Parsed parsed = Flag.parse(flags);
    List<String> problems = new ArrayList<>();
    Map<String, Object> values = new HashMap<>();
    configFile(parsed.configFile(), env, workingDir).ifPresent(file -> {
      LOG.info("Reading configuration file {}", file);
      apply(YamlSettings.readBlocking(file), values, problems);
    });
    apply(environment(env), values, problems);
    apply(parsed.settings(), values, problems);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return SCHEMA.build(values);
  }

  /**
   * {@code config} with absolute, normalized paths: {@code data} taken from {@code workingDir},
   * every other path key from {@code data}. Absolute paths stay as they are, so resolving twice
   * changes nothing.
   */
  public static TesseraConfig resolvePaths(TesseraConfig config, Path workingDir) {
    Path data = workingDir.toAbsolutePath().resolve(config.data()).normalize();
    Map<String, Object> values = SCHEMA.values(config);
    for (ConfigSchema.Key key : SCHEMA.keys()) {
      if (key.type() == Path.class) {
        Path path = (Path) values.get(key.path());
        values.put(key.path(), key.path().equals(DATA_KEY) ? data : data.resolve(path).normalize());
      }
    }
    return SCHEMA.build(values);
  }

  /**
   * Every key of {@code config} as {@code key: value}, one per line in declaration order, with
   * secrets masked ({@code postgresql://tessera:***@db/tessera}): for the start-up log.
   */
  public static String describe(TesseraConfig config) {
    StringJoiner lines = new StringJoiner("\n");
    SCHEMA.values(config).forEach((path, value) -> lines.add(path + ": " + show(path, value)));
    return lines.toString();
  }

  /** The flags of {@code tessera run}, one line each with the key it sets and its default. */
  public static String flagHelp() {
    return Flag.help(SCHEMA);
  }

  private static Optional<Path> configFile(String flag, Map<String, String> env, Path workingDir) {
    String named;
    String source;
    if (flag != null) {
      named = flag;
      source = Flag.CONFIG.longName;
    } else if (env.get(CONFIG_ENV) != null && !env.get(CONFIG_ENV).isEmpty()) {
      named = env.get(CONFIG_ENV);
      source = CONFIG_ENV;
    } else {
      Path implicit = workingDir.resolve(DEFAULT_FILE);
      return Files.exists(implicit) ? Optional.of(implicit) : Optional.empty();
    }
    Path file;
    try {
      file = workingDir.resolve(named);
    } catch (InvalidPathException e) {
      throw new ConfigException(source + ": '" + named + "' is not a file name");
    }
    if (named.isEmpty() || !Files.isRegularFile(file)) {
      throw new ConfigException(source + ": no configuration file '" + named + "' ("
          + (Files.exists(file) ? file + " is not a regular file" : file + " does not exist") + ")");
    }
    return Optional.of(file);
  }

  /** One setting per key whose variable is set; other TESSERA_ variables belong to others. */
  private static List<Setting> environment(Map<String, String> env) {
    List<Setting> settings = new ArrayList<>();
    for (ConfigSchema.Key key : SCHEMA.keys()) {
      String text = env.get(key.envName());
      if (text != null) {
        settings.add(Setting.value(key.path(), text, key.envName()));
      }
    }
    return settings;
  }

  /** Parses and checks each setting into {@code values}, later ones replacing earlier ones. */
  private static void apply(List<Setting> settings, Map<String, Object> values, List<String> problems) {
    List<String> reported = new ArrayList<>();
    for (Setting setting : settings) {
      Optional<ConfigSchema.Key> key = SCHEMA.key(setting.key());
      if (reported.stream().anyMatch(mapping -> setting.key().startsWith(mapping + "."))) {
        continue; // inside a mapping already reported: one line for the whole mapping
      } else if (key.isEmpty()) {
        notAKey(setting).ifPresent(problem -> {
          problems.add(problem);
          reported.add(setting.key());
        });
      } else if (setting.kind() == Setting.Kind.MAPPING) {
        problems.add(setting.source() + ": " + setting.key() + " takes " + expected(key.get())
            + ", not a section");
        reported.add(setting.key());
      } else {
        String text = setting.text();
        Optional<Object> value = parse(key.get(), text);
        if (value.isPresent()) {
          values.put(setting.key(), value.get());
        } else {
          problems.add(setting.source() + ": " + setting.key() + ": \""
              + Secrets.mask(setting.key(), text) + "\" is not " + expected(key.get()));
        }
      }
    }
  }

  /**
   * The problem with a setting that names no key. A section may be given a mapping or nothing:
   * {@code http:} with every key below it commented out.
   */
  private static Optional<String> notAKey(Setting setting) {
    if (!SCHEMA.isSection(setting.key())) {
      return Optional.of(setting.source() + ": unknown key '" + setting.key() + "' ("
          + SCHEMA.whyUnknown(setting.key()) + ")");
    } else if (setting.kind() == Setting.Kind.VALUE && !setting.text().isEmpty()) {
      return Optional.of(setting.source() + ": " + setting.key() + " is a section (its keys are "
          + String.join(", ", SCHEMA.children(setting.key())) + "), not a value");
    }
    return Optional.empty();
  }

  private static Optional<Object> parse(ConfigSchema.Key key, String text) {
    Optional<ValueChecks.Check> check = ValueChecks.of(key);
    return ValueSyntax.parse(key.type(), text)
        .filter(value -> check.isEmpty() || check.get().accepts().test(value));
  }

  private static String expected(ConfigSchema.Key key) {
    return ValueChecks.of(key).map(ValueChecks.Check::expected).orElseGet(() -> ValueSyntax.expected(key.type()));
  }

  private static String show(String path, Object value) {
    if (value instanceof String text) {
      return '"' + Secrets.mask(path, text).replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
    return ValueSyntax.format(value);
  }
}

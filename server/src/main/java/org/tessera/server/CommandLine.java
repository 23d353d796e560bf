package org.tessera.server;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.tessera.server.config.ConfigException;
import org.tessera.server.config.ConfigLoader;
import org.tessera.server.config.TesseraConfig;

/**
 * Parses {@code tessera <command> [flags]} into a {@link Command}. The flags of {@code run} are
 * configuration, so {@link ConfigLoader} reads them with the file and the environment.
 */
final class CommandLine {

  static final String USAGE = """
      Usage: tessera <command> [flags]

      Commands:
        run     start the archive and keep it running until stopped (SIGTERM, Ctrl-C)
        import  import the DICOM files under directories, then exit
        help    print this text; 'tessera help run' describes one command

      Run 'tessera run --help' for the flags of run.""";

  static final String RUN_USAGE = """
      Usage: tessera run [flags]

      Settings come from defaults, then tessera.yaml (or --config FILE, or $TESSERA_CONFIG),
      then TESSERA_<KEY> environment variables (dimse.aeTitle: TESSERA_DIMSE_AE_TITLE), then
      these flags. docs/CONFIGURATION.md explains them; docs/tessera.example.yaml lists every key.

      Flags:
      %s
        --help             print this text"""
      .formatted(ConfigLoader.flagHelp());

  static final String IMPORT_USAGE = """
      Usage: tessera import [flags] [--verbose] DIR...

      Imports every file under each DIR through the ingest pipeline, several at a time, with a
      progress line each second and a summary; files that cannot be imported are listed and the
      exit code is 1. Takes the flags of run (--data, --db, --config, --set ...). With the
      embedded database the archive must not be running on the same data directory.
      --verbose prints one line per instance stored.""";

  private CommandLine() {
  }

  /**
   * Returns the command {@code args} ask for, configured from this process's environment and
   * working directory.
   *
   * @throws UsageException if the command line names no command
   * @throws ConfigException if the configuration is wrong, flags included
   */
  static Command parse(String... args) {
    return parse(List.of(args), System.getenv(), Path.of("").toAbsolutePath());
  }

  /** Returns the command {@code args} ask for, configured from {@code env} and {@code workingDir}. */
  static Command parse(List<String> args, Map<String, String> env, Path workingDir) {
    if (args.isEmpty()) {
      throw new UsageException("no command given");
    }
    List<String> rest = args.subList(1, args.size());
    return switch (args.get(0)) {
      case "run" -> parseRun(rest, env, workingDir);
      case "import" -> parseImport(rest, env, workingDir);
      case "help", "--help", "-h" -> help(rest);
      default -> throw new UsageException("unknown command '" + args.get(0) + "'");
    };
  }

  private static Command help(List<String> topic) {
    if (topic.isEmpty()) {
      return new HelpCommand(USAGE);
    }
    if (topic.size() == 1 && topic.get(0).equals("run")) {
      return new HelpCommand(RUN_USAGE);
    }
    if (topic.size() == 1 && topic.get(0).equals("import")) {
      return new HelpCommand(IMPORT_USAGE);
    }
    throw new UsageException("no help for '" + String.join(" ", topic) + "'");
  }

  private static Command parseRun(List<String> args, Map<String, String> env, Path workingDir) {
    if (args.contains("--help") || args.contains("-h")) {
      return new HelpCommand(RUN_USAGE);
    }
    TesseraConfig config = ConfigLoader.loadBlocking(args, env, workingDir);
    return new RunCommand(ConfigLoader.resolvePaths(config, workingDir));
  }

  /** Flags as for run (each with its value), --verbose, and the directories. */
  private static Command parseImport(List<String> args, Map<String, String> env, Path workingDir) {
    if (args.contains("--help") || args.contains("-h")) {
      return new HelpCommand(IMPORT_USAGE);
    }
    List<String> flags = new java.util.ArrayList<>();
    List<Path> roots = new java.util.ArrayList<>();
    boolean verbose = false;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--verbose")) {
        verbose = true;
      } else if (a.startsWith("-")) {
        flags.add(a);
        if (!a.contains("=") && i + 1 < args.size()) {
          flags.add(args.get(++i));
        }
      } else {
        roots.add(workingDir.resolve(a).toAbsolutePath().normalize());
      }
    }
    if (roots.isEmpty()) {
      throw new UsageException("import needs at least one directory");
    }
    TesseraConfig config = ConfigLoader.loadBlocking(flags, env, workingDir);
    return new ImportCommand(ConfigLoader.resolvePaths(config, workingDir), List.copyOf(roots),
        verbose);
  }
}

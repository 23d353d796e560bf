package org.tessera.server;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/** Parses {@code tessera <command> [flags]} into a {@link Command}. Flags take {@code --name value} or {@code --name=value}. */
final class CommandLine {

  static final String USAGE = """
      Usage: tessera <command> [flags]

      Commands:
        run     start the archive and keep it running until stopped (SIGTERM, Ctrl-C)
        help    print this text; 'tessera help run' describes one command

      Run 'tessera run --help' for the flags of run.""";

  static final String RUN_USAGE = """
      Usage: tessera run [flags]

      Flags:
        --http-port N   HTTP port (default %d; 0 = any free port, logged at start-up)
        --data DIR      data directory, created if missing (default ./%s)
        --help          print this text"""
      .formatted(RunCommand.DEFAULT_HTTP_PORT, RunCommand.DEFAULT_DATA_DIR);

  private CommandLine() {
  }

  /** Returns the command {@code args} ask for, or throws {@link UsageException}. */
  static Command parse(String... args) {
    if (args.length == 0) {
      throw new UsageException("no command given");
    }
    List<String> rest = List.of(args).subList(1, args.length);
    return switch (args[0]) {
      case "run" -> parseRun(rest);
      case "help", "--help", "-h" -> help(rest);
      default -> throw new UsageException("unknown command '" + args[0] + "'");
    };
  }

  private static Command help(List<String> topic) {
    if (topic.isEmpty()) {
      return new HelpCommand(USAGE);
    }
    if (topic.size() == 1 && topic.get(0).equals("run")) {
      return new HelpCommand(RUN_USAGE);
    }
    throw new UsageException("no help for '" + String.join(" ", topic) + "'");
  }

  private static Command parseRun(List<String> args) {
    RunCommand run = RunCommand.defaults();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--help") || arg.equals("-h")) {
        return new HelpCommand(RUN_USAGE);
      }
      int eq = arg.indexOf('=');
      String flag = eq < 0 ? arg : arg.substring(0, eq);
      if (!flag.equals("--http-port") && !flag.equals("--data")) {
        throw new UsageException(arg.startsWith("-")
            ? "unknown flag '" + flag + "' for run"
            : "unexpected argument '" + arg + "' for run");
      }
      String value;
      if (eq >= 0) {
        value = arg.substring(eq + 1);
      } else if (i + 1 < args.size()) {
        value = args.get(++i);
      } else {
        throw new UsageException(flag + " needs a value");
      }
      run = flag.equals("--http-port") ? run.withHttpPort(port(flag, value)) : run.withDataDir(dir(flag, value));
    }
    return run;
  }

  private static int port(String flag, String value) {
    try {
      int port = Integer.parseInt(value);
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException(flag + " must be a port number from 0 to 65535, not '" + value + "'");
  }

  private static Path dir(String flag, String value) {
    try {
      if (!value.isBlank()) {
        return Path.of(value);
      }
    } catch (InvalidPathException e) {
      // reported below
    }
    throw new UsageException(flag + " must be a directory path, not '" + value + "'");
  }
}

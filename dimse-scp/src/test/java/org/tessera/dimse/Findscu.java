package org.tessera.dimse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.tessera.dicom.data.Attributes;
import org.tessera.dicom.io.DicomReader;
import org.tessera.dicom.io.ReadOptions;
import org.tessera.dicom.testing.ExternalTool;

/**
 * DCMTK's findscu against a port: each response identifier extracted to a file ({@code -X}) and
 * read back with our reader; statuses, Error Comment and Offending Element taken from its debug
 * log, which dumps every response's command set. Blocks the calling thread.
 */
final class Findscu {
  private static final Pattern STATUS = Pattern.compile("DIMSE Status\\s*: 0x([0-9a-f]{4})");
  private static final Pattern OFFENDING =
      Pattern.compile("\\(0000,0901\\) AT \\(([0-9a-f]{4}),([0-9a-f]{4})\\)");
  private static final Pattern COMMENT = Pattern.compile("\\(0000,0902\\) LO \\[(.*?) ?\\]");

  /**
   * @param files the response identifiers as findscu wrote them, in order
   * @param responses those files' data sets
   * @param statuses the status of every response, the final one last
   * @param errorComment the final response's Error Comment, or null
   * @param offendingElement the final response's Offending Element, or -1
   */
  record Result(List<Path> files, List<Attributes> responses, List<Integer> statuses,
      String errorComment, int offendingElement, ExternalTool.Result run) {

    int finalStatus() {
      return statuses.isEmpty() ? -1 : statuses.get(statuses.size() - 1);
    }

    List<Integer> pendingStatuses() {
      return statuses.subList(0, Math.max(0, statuses.size() - 1));
    }

    /** The first value of {@code tag} in each response, in order. */
    List<String> values(int tag) {
      return responses.stream().map(a -> a.getString(tag)).toList();
    }
  }

  private Findscu() {}

  /**
   * Runs {@code findscu -d <model> -X -od <dir> <options and keys> 127.0.0.1 <port> <files>}.
   *
   * @param model "-P" (Patient Root) or "-S" (Study Root)
   * @param args options, keys ({@code -k QueryRetrieveLevel=STUDY}) and query files (*.dcm)
   */
  static Result run(Path dir, int port, String model, List<String> args) throws IOException {
    return run(dir, port, model, args, Map.of());
  }

  /** {@link #run(Path, int, String, List)} with more environment variables for findscu. */
  static Result run(Path dir, int port, String model, List<String> args, Map<String, String> env)
      throws IOException {
    return run(dir, port, "FINDSCU", "TESSERA", model, args, env);
  }

  /** {@link #run(Path, int, String, List)} from {@code calling} to {@code called}. */
  static Result run(Path dir, int port, String calling, String called, String model,
      List<String> args) throws IOException {
    return run(dir, port, calling, called, model, args, Map.of());
  }

  private static Result run(Path dir, int port, String calling, String called, String model,
      List<String> args, Map<String, String> env) throws IOException {
    ExternalTool.require("findscu", "dcmtk");
    Path out = Files.createTempDirectory(dir, "findscu");
    List<String> command = new ArrayList<>(List.of("findscu", "-d", model, "-aet", calling,
        "-aec", called, "-X", "-od", out.toString()));
    command.addAll(args.stream().filter(a -> !a.endsWith(".dcm")).toList());
    command.addAll(List.of("127.0.0.1", String.valueOf(port)));
    command.addAll(args.stream().filter(a -> a.endsWith(".dcm")).toList());
    ExternalTool tool = ExternalTool.of(command).timeout(Duration.ofSeconds(30));
    env.forEach(tool::env);
    ExternalTool.Result r = tool.run();
    assertThat(r.exitCode()).as(r.describe()).isZero();

    List<Path> files;
    try (Stream<Path> listed = Files.list(out)) {
      files = listed.sorted().toList();
    }
    List<Attributes> responses = new ArrayList<>();
    for (Path file : files) {
      responses.add(DicomReader.read(file, ReadOptions.DEFAULTS).dataset());
    }
    String log = r.stderr();
    List<Integer> statuses = new ArrayList<>();
    for (Matcher m = STATUS.matcher(log); m.find(); ) {
      statuses.add(Integer.parseInt(m.group(1), 16));
    }
    // findscu exits 0 even when it sends nothing (a key it cannot parse): insist on an answer
    assertThat(statuses).as(r.describe()).isNotEmpty();
    Matcher offending = OFFENDING.matcher(log);
    Matcher comment = COMMENT.matcher(log);
    return new Result(files, responses, statuses, comment.find() ? comment.group(1) : null,
        offending.find() ? Integer.parseInt(offending.group(1) + offending.group(2), 16) : -1, r);
  }
}

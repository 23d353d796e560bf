package org.tessera.dicom.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tessera.dicom.data.Attributes;
import org.tessera.dicom.io.FileMetaInformation;

/**
 * What DCMTK's {@code dcmdump} sees in a file, parsed into a tree that tests compare with what
 * {@link org.tessera.dicom.io.DicomReader} reads or {@link org.tessera.dicom.io.DicomWriter}
 * wrote ({@link Dump#differences(Attributes)}).
 *
 * <p>It runs {@code dcmdump -Un +U8 +Qn +L file}: UIDs as numbers rather than names ({@code -Un}),
 * text converted to UTF-8 from whatever Specific Character Set the file declares ({@code +U8}),
 * non-ASCII and control characters quoted as XML character references ({@code +Qn}, so that
 * every element stays on one line and bytes are unambiguous), long values in full ({@code +L}).
 * Note that {@code +U8} also makes the top-level Specific Character Set (0008,0005) read
 * "ISO_IR 192", inserting it if the file has none.
 *
 * <p>The format parsed, one element per line (PS3.5 notation, indented two spaces per level):
 *
 * <pre>
 * # Dicom-Meta-Information-Header            section headers, and
 * # Used TransferSyntax: Little Endian Explicit  the syntax of the section
 * (0010,0010) PN [Doe^John]                  # 8, 1 PatientName       text in brackets
 * (0028,0010) US 512                         # 2, 1 Rows              binary values as numbers,
 * (0028,0009) AT (0018,1063)                 # 4, 1 FrameIncrementPointer   AT as tags,
 * (0029,1002) OB 01\02\03\00                 # 4, 1 Unknown Tag &amp; Data   OB/UN as hex bytes,
 * (7fe0,0010) OW 0001\ff02                   # 4, 1 PixelData         OW as hex words
 * (0010,0030) DA (no value available)        # 0, 0 PatientBirthDate  empty value
 * (0008,1140) SQ (Sequence with undefined length #=1)   # u/l, 1 ReferencedImageSequence
 *   (fffe,e000) na (Item with explicit length #=2)      # 52, 1 Item
 *     (0008,1150) UI [1.2.840.10008.5.1.4.1.1.2]        # 26, 1 ReferencedSOPClassUID
 *   (fffe,e00d) na (ItemDelimitationItem for re-encoding)   (printed for every item)
 * (fffe,e0dd) na (SequenceDelimitationItem)            (printed for every sequence)
 * (7fe0,0010) OB (PixelSequence #=2)         # u/l, 1 PixelData       encapsulated, then
 *   (fffe,e000) pi 00\00\00\00               # 4, 1 Item              one line per fragment
 * </pre>
 *
 * The comment after the last '#' gives the value length in bytes ("u/l" for undefined), the
 * value multiplicity and the keyword.
 */
public final class Dcmdump {
  private static final Pattern ELEMENT = Pattern.compile(
      "^( *)\\(([0-9a-f]{4}),([0-9a-f]{4})\\) (\\S\\S) (.*?) *# *(u/l|\\d+), *(\\d+) ([^#]*)$");
  private static final Pattern COUNT = Pattern.compile("#=(\\d+)\\)$");
  private static final Pattern ENTITY = Pattern.compile("&(#\\d+|lt|gt|amp|quot|apos);");

  private Dcmdump() {}

  /** Runs dcmdump on {@code file} (failing the test if DCMTK is not installed) and parses it. */
  public static Dump dump(Path file) throws IOException {
    ExternalTool.require("dcmdump", "dcmtk");
    ExternalTool.Result result =
        ExternalTool.of("dcmdump", "-Un", "+U8", "+Qn", "+L", file.toString()).run();
    return parse(result.stdout(), result);
  }

  /** Parses dcmdump output produced with the options of {@link #dump(Path)}. */
  public static Dump parse(String text, ExternalTool.Result result) {
    Node meta = new Node("", false);
    Node dataset = new Node("", false);
    String syntax = "";
    Deque<Object> open = new ArrayDeque<>(); // Nodes and Elements (sequences, pixel sequences)
    Node section = dataset;
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      if (line.startsWith("#")) {
        if (line.startsWith("# Dicom-Meta-Information-Header")) {
          section = meta;
        } else if (line.startsWith("# Dicom-Data-Set")) {
          section = dataset;
        } else if (line.startsWith("# Used TransferSyntax: ") && section == dataset) {
          syntax = line.substring("# Used TransferSyntax: ".length()).trim();
        }
        open.clear();
        open.push(section);
        continue;
      }
      Matcher m = ELEMENT.matcher(line);
      if (!m.matches()) {
        throw new IllegalArgumentException("not a dcmdump element line: " + line);
      }
      if (open.isEmpty()) {
        open.push(section);
      }
      add(open, m, line);
    }
    return new Dump(meta, dataset, syntax, result);
  }

  private static void add(Deque<Object> open, Matcher m, String line) {
    int tag = (int) Long.parseLong(m.group(2) + m.group(3), 16);
    String vr = m.group(4);
    String value = m.group(5);
    long length = m.group(6).equals("u/l") ? -1 : Long.parseLong(m.group(6));
    switch (tag) {
      case 0xFFFEE000 -> {
        if (open.peek() instanceof Element e && e.fragments != null) {
          e.fragments.add(value.equals("(no value available)") ? new byte[0] : hexBytes(value));
        } else if (open.peek() instanceof Element e && e.items != null) {
          Node item = new Node(e.path + "/" + (e.items.size() + 1), length == -1);
          e.items.add(item);
          open.push(item);
        } else {
          throw new IllegalArgumentException("item outside a sequence: " + line);
        }
      }
      case 0xFFFEE00D -> expect(open.pop(), Node.class, line);
      case 0xFFFEE0DD -> {
        Element e = (Element) expect(open.pop(), Element.class, line);
        int count = e.items != null ? e.items.size() : e.fragments.size();
        if (count != e.declaredCount) {
          throw new IllegalArgumentException(count + " items where dcmdump announced "
              + e.declaredCount + ": " + line);
        }
      }
      default -> {
        Node parent = (Node) expect(open.peek(), Node.class, line);
        String path = (parent.path.isEmpty() ? "" : parent.path + "/")
            + String.format("%08X", tag);
        Element e = new Element(path, tag, vr, length, Integer.parseInt(m.group(7)),
            m.group(8).trim(), value);
        parent.elements.put(tag, e);
        if (e.items != null || e.fragments != null) {
          open.push(e);
        }
      }
    }
  }

  private static Object expect(Object open, Class<?> type, String line) {
    if (!type.isInstance(open)) {
      throw new IllegalArgumentException("unbalanced sequence structure at: " + line);
    }
    return open;
  }

  /**
   * A parsed dump.
   *
   * @param meta the File Meta Information group (empty for a file without it)
   * @param dataset the data set
   * @param transferSyntax DCMTK's name of the data set's syntax ("Little Endian Implicit")
   * @param result the dcmdump run (exit code, stderr), or null for parsed text
   */
  public record Dump(Node meta, Node dataset, String transferSyntax, ExternalTool.Result result) {
    public int exitCode() {
      return result.exitCode();
    }

    /** DCMTK's warnings and errors about the file ("W: ...", "E: ..."). */
    public List<String> diagnostics() {
      return result.dcmtkDiagnostics();
    }

    public boolean implicitVr() {
      return transferSyntax.contains("Implicit");
    }

    /**
     * How the data set differs from {@code ours}, one line per difference; empty if dcmdump saw
     * the same elements, VRs and values. Top-level (0008,0005) is not compared (+U8 rewrites
     * it). In implicit VR a VR may differ where the dictionary allows both (Pixel Data OB/OW,
     * US/SS), since each side picks its own.
     */
    public List<String> differences(Attributes ours) {
      List<String> out = new ArrayList<>();
      DumpComparison.compare(dataset, ours, implicitVr(), out);
      return out;
    }

    /** How the File Meta group differs from {@code ours}; group length is not compared. */
    public List<String> differences(FileMetaInformation ours) {
      List<String> out = new ArrayList<>();
      DumpComparison.compare(meta, ours.attributes(), false, out);
      return out;
    }
  }

  /** A data set, File Meta group or sequence item: its elements by tag, in dump order. */
  public static final class Node {
    private final String path;
    private final boolean undefinedLength;
    private final Map<Integer, Element> elements = new LinkedHashMap<>();

    Node(String path, boolean undefinedLength) {
      this.path = path;
      this.undefinedLength = undefinedLength;
    }

    /** The element of {@code tag}, or null. */
    public Element get(int tag) {
      return elements.get(tag);
    }

    public List<Element> elements() {
      return List.copyOf(elements.values());
    }

    /** Where the item is: "" for a data set, else as {@link Element#path()}, e.g. "00081140/2". */
    public String path() {
      return path;
    }

    /** Whether this item had undefined length (always false for data sets). */
    public boolean undefinedLength() {
      return undefinedLength;
    }

    @Override
    public String toString() {
      return elements.values().toString();
    }
  }

  /** One element as dcmdump printed it. */
  public static final class Element {
    private final String path;
    private final int tag;
    private final String vr;
    private final long length;
    private final int vm;
    private final String keyword;
    private final String value;
    private final List<Node> items;
    private final List<byte[]> fragments;
    private final int declaredCount;

    Element(String path, int tag, String vr, long length, int vm, String keyword, String value) {
      this.path = path;
      this.tag = tag;
      this.vr = vr;
      this.length = length;
      this.vm = vm;
      this.keyword = keyword;
      this.value = value;
      this.items = vr.equals("SQ") || value.startsWith("(Sequence with") ? new ArrayList<>() : null;
      this.fragments = value.startsWith("(PixelSequence") ? new ArrayList<>() : null;
      Matcher count = COUNT.matcher(value);
      if ((items != null || fragments != null) && !count.find()) {
        throw new IllegalArgumentException("no item count in " + value);
      }
      this.declaredCount = items != null || fragments != null
          ? Integer.parseInt(count.group(1)) : 0;
    }

    /** Where the element is: tags as 8 hex digits and 1-based item numbers, '/'-separated. */
    public String path() {
      return path;
    }

    public int tag() {
      return tag;
    }

    public String vr() {
      return vr;
    }

    /** The value length in bytes as dcmdump reports it (after +U8 conversion), -1 if undefined. */
    public long length() {
      return length;
    }

    public int vm() {
      return vm;
    }

    /** DCMTK's keyword, "Unknown Tag &amp; Data" for unknown private elements. */
    public String keyword() {
      return keyword;
    }

    /** The value as printed, e.g. "[Doe^John]", "512", "(no value available)". */
    public String printed() {
      return value;
    }

    public boolean isEmpty() {
      return value.equals("(no value available)");
    }

    /** The items of a sequence, or null if this is no sequence. */
    public List<Node> items() {
      return items;
    }

    /** The fragments of encapsulated Pixel Data (the Basic Offset Table first), or null. */
    public List<byte[]> fragments() {
      return fragments;
    }

    /** The text of a string value (between the brackets, references decoded), or null. */
    public String text() {
      if (!value.startsWith("[") || !value.endsWith("]")) {
        return isEmpty() ? "" : null;
      }
      return unquote(value.substring(1, value.length() - 1));
    }

    /** The values of a binary element as printed, split at backslashes; empty if none. */
    public List<String> binaryValues() {
      return isEmpty() ? List.of() : Arrays.asList(value.split("\\\\"));
    }

    @Override
    public String toString() {
      return path + " " + vr + " " + value;
    }
  }

  /** Decodes +Qn quoting: character references are bytes of the UTF-8 output. */
  static String unquote(String quoted) {
    if (quoted.indexOf('&') < 0) {
      return quoted;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(quoted.length());
    Matcher m = ENTITY.matcher(quoted);
    int last = 0;
    while (m.find()) {
      bytes.writeBytes(quoted.substring(last, m.start()).getBytes(StandardCharsets.UTF_8));
      String entity = m.group(1);
      bytes.write(switch (entity) {
        case "lt" -> '<';
        case "gt" -> '>';
        case "amp" -> '&';
        case "quot" -> '"';
        case "apos" -> '\'';
        default -> Integer.parseInt(entity.substring(1));
      });
      last = m.end();
    }
    bytes.writeBytes(quoted.substring(last).getBytes(StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  static byte[] hexBytes(String printed) {
    String[] hex = printed.split("\\\\");
    byte[] b = new byte[hex.length];
    for (int i = 0; i < hex.length; i++) {
      b[i] = (byte) Integer.parseInt(hex[i], 16);
    }
    return b;
  }
}

package org.tessera.dicom.xml;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.tessera.dicom.data.Attributes;
import org.tessera.dicom.data.BulkDataRef;
import org.tessera.dicom.data.BulkDataUriProvider;
import org.tessera.dicom.data.Fragments;
import org.tessera.dicom.data.PersonName;
import org.tessera.dicom.data.Sequence;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.data.VR;
import org.tessera.dicom.dict.ElementDictionary;
import org.tessera.dicom.internal.ValueCodec;

/**
 * Writes data sets as the Native DICOM Model of PS3.19 A.1 onto a StAX {@link XMLStreamWriter}:
 * one {@code NativeDicomModel} element per data set, in the namespace of the A.1.6 schema, with
 * {@code xml:space="preserve"} (Table A.1.5-1). Each element becomes a {@code DicomAttribute}
 * with {@code tag}, {@code vr}, {@code keyword} when PS3.6 names the element and {@code
 * privateCreator} for a private data element (Table A.1.5-2); its value becomes:
 *
 * <ul>
 *   <li>SQ: one {@code Item} per item, numbered from 1;
 *   <li>PN: one {@code PersonName} per value, with the {@code Alphabetic}, {@code Ideographic}
 *       and {@code Phonetic} groups and the name components that are not empty;
 *   <li>OB, OD, OF, OL, OV, OW, UN, encapsulated values and {@link BulkDataRef}s: {@code
 *       <BulkData uri>} when the {@link BulkDataUriProvider} gives a URI, else {@code
 *       InlineBinary}, base64 of the value field in little-endian byte order;
 *   <li>any other VR: one {@code Value} per value, numbered from 1, an empty value between
 *       others kept as an empty {@code Value}; AT as eight hex digits, binary numbers in decimal,
 *       text decoded with the data set's Specific Character Set.
 * </ul>
 *
 * <p>An empty element is a {@code DicomAttribute} without content; Group Lengths are left out
 * (A.1.1). A private data element {@code (gggg,xxee)} is written as {@code gggg00ee} with its
 * block's Private Creator as {@code privateCreator}, since the block shall not be sent; the
 * Private Creator elements are written too, as DCMTK's dcm2xml does, and an element whose block
 * has no creator keeps its own tag. A sequence held as UN (PS3.5 6.2.2) is written as SQ.
 *
 * <p>Where the standard is silent: an encapsulated value written inline is its value field as
 * PS3.5 A.4 lays it out (items with their headers, then the Sequence Delimitation Item); text
 * characters that XML 1.0 cannot carry become U+FFFD (see {@code XmlText}).
 *
 * <p>Inlining a {@link BulkDataRef} reads its file, so {@link #write} then blocks: run it on a
 * worker thread. An instance is not thread-safe; it may write any number of data sets in turn.
 */
public final class NativeDicomModelWriter {
  /** The namespace of the Native DICOM Model schema (PS3.19 A.1.6). */
  public static final String NAMESPACE = "http://dicom.nema.org/PS3.19/models/NativeDICOM";

  private static final ElementDictionary DICTIONARY = ElementDictionary.standard();
  /**
   * The JDK's own factory, never a provider found on the class path: its writers emit {@code
   * writeEntityRef("#13")} as the character reference {@code XmlText} needs, and with no property
   * set it creates a fresh writer per call, so threads may share it.
   */
  private static final XMLOutputFactory FACTORY = XMLOutputFactory.newDefaultFactory();
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private final XMLStreamWriter out;
  private final BulkDataUriProvider bulkData;

  /**
   * @param out where to write; the caller writes the document around the elements, or uses
   *     {@link #writeDocument}. A CR in text goes through {@code writeEntityRef("#13")}, which
   *     the JDK's writer emits as a character reference.
   * @param bulkData decides between BulkData and InlineBinary for each bulk value
   */
  public NativeDicomModelWriter(XMLStreamWriter out, BulkDataUriProvider bulkData) {
    this.out = Objects.requireNonNull(out, "out");
    this.bulkData = Objects.requireNonNull(bulkData, "bulkData");
  }

  /**
   * Writes one UTF-8 XML document holding {@code dataset}: the form of one part of a multipart
   * QIDO-RS or WADO-RS metadata response. Flushes {@code out} but does not close it.
   */
  public static void writeDocument(
      OutputStream out, Attributes dataset, BulkDataUriProvider bulkData)
      throws XMLStreamException {
    String utf8 = StandardCharsets.UTF_8.name();
    XMLStreamWriter xml = FACTORY.createXMLStreamWriter(out, utf8);
    xml.writeStartDocument(utf8, "1.0");
    new NativeDicomModelWriter(xml, bulkData).write(dataset);
    xml.writeEndDocument();
    xml.flush();
    xml.close();
  }

  /**
   * Writes {@code dataset} as one {@code NativeDicomModel} element.
   *
   * @throws XMLStreamException if the writer fails, or if a bulk value to inline cannot be read
   *     (a reference that is not a {@code file:} URI, or a missing or short file)
   */
  public void write(Attributes dataset) throws XMLStreamException {
    out.writeStartElement("", "NativeDicomModel", NAMESPACE);
    out.writeDefaultNamespace(NAMESPACE);
    out.writeAttribute("xml", XMLConstants.XML_NS_URI, "space", "preserve");
    writeDataSet(dataset, "");
    out.writeEndElement();
  }

  /** @param path the provider's path of the data set: "" or "SSSSSSSS/n/" for an item */
  private void writeDataSet(Attributes dataset, String path) throws XMLStreamException {
    for (int i = 0; i < dataset.size(); i++) {
      if (!Tag.isGroupLength(dataset.tagAt(i))) {
        writeAttribute(dataset, i, path);
      }
    }
  }

  private void writeAttribute(Attributes dataset, int index, String path)
      throws XMLStreamException {
    int tag = dataset.tagAt(index);
    VR vr = dataset.vrAt(index);
    Object value = dataset.valueAt(index);
    String creator = privateCreatorOf(dataset, tag);
    start("DicomAttribute");
    out.writeAttribute("tag", hex(creator != null ? tag & 0xFFFF00FF : tag));
    out.writeAttribute("vr", (value instanceof Sequence ? VR.SQ : vr).name());
    String keyword = Tag.isPrivate(tag) ? null : DICTIONARY.keywordOf(tag);
    if (keyword != null) {
      out.writeAttribute("keyword", keyword);
    }
    if (creator != null) {
      out.writeAttribute("privateCreator", XmlText.attributeValue(creator));
    }
    writeContent(dataset, tag, vr, value, path);
    out.writeEndElement();
  }

  private void writeContent(Attributes dataset, int tag, VR vr, Object value, String path)
      throws XMLStreamException {
    if (value instanceof Sequence items) {
      writeItems(items, path + hex(tag));
    } else if (value instanceof Fragments fragments) {
      if (!fragments.isEmpty() && !writeBulkDataUri(path, tag, vr, fragments)) {
        try {
          InlineBinary.write(out, fragments);
        } catch (IOException | IllegalArgumentException e) {
          throw unreadable(tag, "an encapsulated fragment", e);
        }
      }
    } else if (value instanceof BulkDataRef ref) {
      if (ref.length() != 0 && !writeBulkDataUri(path, tag, vr, ref)) {
        writeInline(dataset, tag, vr, ref);
      }
    } else if (!isEmpty(value)) {
      if (vr.isBulk()) {
        byte[] bytes = value instanceof byte[] b ? b : dataset.getBytes(tag);
        if (!writeBulkDataUri(path, tag, vr, bytes)) {
          InlineBinary.write(out, bytes, dataset.bigEndian() ? vr.swapUnit() : 1);
        }
      } else {
        writeValues(vr, strings(dataset, vr, value));
      }
    }
  }

  private void writeItems(Sequence items, String path) throws XMLStreamException {
    for (int n = 1; n <= items.size(); n++) {
      start("Item");
      out.writeAttribute("number", Integer.toString(n));
      writeDataSet(items.get(n - 1), path + "/" + n + "/");
      out.writeEndElement();
    }
  }

  private void writeValues(VR vr, String[] values) throws XMLStreamException {
    for (int n = 1; n <= values.length; n++) {
      if (vr == VR.PN) {
        writePersonName(n, PersonName.parse(values[n - 1]));
      } else {
        start("Value");
        out.writeAttribute("number", Integer.toString(n));
        XmlText.writeCharacters(out, values[n - 1]);
        out.writeEndElement();
      }
    }
  }

  private void writePersonName(int number, PersonName name) throws XMLStreamException {
    start("PersonName");
    out.writeAttribute("number", Integer.toString(number));
    writeNameGroup("Alphabetic", name.alphabetic());
    writeNameGroup("Ideographic", name.ideographic());
    writeNameGroup("Phonetic", name.phonetic());
    out.writeEndElement();
  }

  private void writeNameGroup(String element, PersonName.Group group)
      throws XMLStreamException {
    if (group.isEmpty()) {
      return;
    }
    start(element);
    writeNameComponent("FamilyName", group.family());
    writeNameComponent("GivenName", group.given());
    writeNameComponent("MiddleName", group.middle());
    writeNameComponent("NamePrefix", group.prefix());
    writeNameComponent("NameSuffix", group.suffix());
    out.writeEndElement();
  }

  private void writeNameComponent(String element, String component)
      throws XMLStreamException {
    if (!component.isEmpty()) {
      start(element);
      XmlText.writeCharacters(out, component);
      out.writeEndElement();
    }
  }

  /** Writes {@code <BulkData uri>} if the provider gives a URI for the value. */
  private boolean writeBulkDataUri(String path, int tag, VR vr, Object value)
      throws XMLStreamException {
    String uri = bulkData.uriFor(path + hex(tag), vr, value);
    if (uri == null) {
      return false;
    }
    out.writeEmptyElement("", "BulkData", NAMESPACE);
    out.writeAttribute("uri", XmlText.attributeValue(uri));
    return true;
  }

  /**
   * Inlines a value left in a file: bulk VRs as base64 streamed from the file, other VRs (a
   * long LUT as US, say) loaded and written as Values.
   */
  private void writeInline(Attributes dataset, int tag, VR vr, BulkDataRef ref)
      throws XMLStreamException {
    if (!ref.isFile()) {
      throw new XMLStreamException(Tag.toString(tag) + " lies at " + ref.uri()
          + ", which cannot be read to write it inline: only file: references can");
    }
    try {
      if (vr.isBulk()) {
        InlineBinary.write(out, ref, dataset.bigEndian() ? vr.swapUnit() : 1);
      } else {
        writeValues(vr, strings(dataset, vr, InlineBinary.load(ref)));
      }
    } catch (IOException | IllegalArgumentException e) {
      throw unreadable(tag, ref.uri(), e);
    }
  }

  private static XMLStreamException unreadable(int tag, String what, Exception cause) {
    return new XMLStreamException("cannot read the value of " + Tag.toString(tag) + " from "
        + what + ": " + cause.getMessage(), cause);
  }

  /** The values as text: strings decoded and split, binary numbers formatted. */
  private static String[] strings(Attributes dataset, VR vr, Object value) {
    if (value instanceof String s) {
      return ValueCodec.split(s, vr);
    }
    byte[] raw = (byte[]) value;
    if (vr.isString()) {
      return ValueCodec.split(
          ValueCodec.decode(raw, vr, dataset.specificCharacterSet()), vr);
    }
    String[] values = new String[ValueCodec.count(raw, vr)];
    for (int k = 0; k < values.length; k++) {
      values[k] = ValueCodec.toString(raw, vr, k, dataset.bigEndian());
    }
    return values;
  }

  /**
   * The Private Creator of a private data element's block (PS3.5 7.8.1), or null for any other
   * element and for a block that no creator reserves.
   */
  private static String privateCreatorOf(Attributes dataset, int tag) {
    int creatorTag = Tag.privateCreatorOf(tag);
    return creatorTag < 0 ? null : dataset.getString(creatorTag);
  }

  private static boolean isEmpty(Object value) {
    return value == null || value instanceof byte[] b && b.length == 0
        || value instanceof String s && s.isEmpty();
  }

  private void start(String element) throws XMLStreamException {
    out.writeStartElement("", element, NAMESPACE);
  }

  /** The tag as PS3.19 writes it: eight upper-case hex digits, "00100010". */
  private static String hex(int tag) {
    char[] digits = new char[8];
    for (int i = 0; i < 8; i++) {
      digits[i] = HEX[(tag >>> (28 - 4 * i)) & 0xF];
    }
    return new String(digits);
  }
}

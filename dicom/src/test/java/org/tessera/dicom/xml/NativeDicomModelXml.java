package org.tessera.dicom.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLStreamException;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.tessera.dicom.data.Attributes;
import org.tessera.dicom.data.BulkDataUriProvider;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Test support: writes data sets, parses the XML back (which fails on malformed XML) and checks
 * it against the schema of PS3.19 A.1.6, then walks the DOM by the schema's element names.
 *
 * <p>The JDK has no RELAX NG validator, so {@link #SCHEMA} is a W3C XML Schema translation of
 * the normative RELAX NG, as PS3.19 10 allows. It is as strict as the original except where XSD
 * cannot say the same thing: BulkData takes uuid or uri, both optional here. It admits
 * {@code xml:space} on the root, which Table A.1.5-1 requires but the RELAX NG forgets to declare.
 */
final class NativeDicomModelXml {
  static final String NS = NativeDicomModelWriter.NAMESPACE;

  private static final String XSD = """
      <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
          xmlns:n="http://dicom.nema.org/PS3.19/models/NativeDICOM"
          targetNamespace="http://dicom.nema.org/PS3.19/models/NativeDICOM"
          elementFormDefault="qualified">
        <xs:element name="NativeDicomModel">
          <xs:complexType>
            <xs:group ref="n:DicomDataSet"/>
            <xs:anyAttribute namespace="http://www.w3.org/XML/1998/namespace"
                processContents="skip"/>
          </xs:complexType>
        </xs:element>
        <xs:group name="DicomDataSet">
          <xs:sequence>
            <xs:element ref="n:DicomAttribute" minOccurs="0" maxOccurs="unbounded"/>
          </xs:sequence>
        </xs:group>
        <xs:element name="DicomAttribute">
          <xs:complexType>
            <xs:choice minOccurs="0">
              <xs:element name="BulkData">
                <xs:complexType>
                  <xs:attribute name="uuid" type="xs:string"/>
                  <xs:attribute name="uri" type="xs:anyURI"/>
                </xs:complexType>
              </xs:element>
              <xs:element name="Value" maxOccurs="unbounded">
                <xs:complexType>
                  <xs:simpleContent>
                    <xs:extension base="xs:string">
                      <xs:attribute name="number" type="xs:positiveInteger" use="required"/>
                    </xs:extension>
                  </xs:simpleContent>
                </xs:complexType>
              </xs:element>
              <xs:element name="Item" maxOccurs="unbounded">
                <xs:complexType>
                  <xs:group ref="n:DicomDataSet"/>
                  <xs:attribute name="number" type="xs:positiveInteger" use="required"/>
                </xs:complexType>
              </xs:element>
              <xs:element name="PersonName" maxOccurs="unbounded">
                <xs:complexType>
                  <xs:sequence>
                    <xs:element name="Alphabetic" type="n:NameComponents" minOccurs="0"/>
                    <xs:element name="Ideographic" type="n:NameComponents" minOccurs="0"/>
                    <xs:element name="Phonetic" type="n:NameComponents" minOccurs="0"/>
                  </xs:sequence>
                  <xs:attribute name="number" type="xs:positiveInteger" use="required"/>
                </xs:complexType>
              </xs:element>
              <xs:element name="InlineBinary" type="xs:base64Binary"/>
            </xs:choice>
            <xs:attribute name="tag" use="required">
              <xs:simpleType>
                <xs:restriction base="xs:string">
                  <xs:pattern value="[0-9A-F]{8}"/>
                </xs:restriction>
              </xs:simpleType>
            </xs:attribute>
            <xs:attribute name="vr" use="required">
              <xs:simpleType>
                <xs:restriction base="xs:string">
                  <xs:pattern value="AE|AS|AT|CS|DA|DS|DT|FL|FD|IS|LO|LT|OB|OD|OF|OL|OV|OW|PN"/>
                  <xs:pattern value="SH|SL|SQ|SS|ST|SV|TM|UC|UI|UL|UN|UR|US|UT|UV"/>
                </xs:restriction>
              </xs:simpleType>
            </xs:attribute>
            <xs:attribute name="keyword" type="xs:token"/>
            <xs:attribute name="privateCreator" type="xs:string"/>
          </xs:complexType>
        </xs:element>
        <xs:complexType name="NameComponents">
          <xs:sequence>
            <xs:element name="FamilyName" type="xs:string" minOccurs="0"/>
            <xs:element name="GivenName" type="xs:string" minOccurs="0"/>
            <xs:element name="MiddleName" type="xs:string" minOccurs="0"/>
            <xs:element name="NamePrefix" type="xs:string" minOccurs="0"/>
            <xs:element name="NameSuffix" type="xs:string" minOccurs="0"/>
          </xs:sequence>
        </xs:complexType>
      </xs:schema>
      """;

  static final Schema SCHEMA = compile();

  private NativeDicomModelXml() {}

  private static Schema compile() {
    try {
      return SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
          .newSchema(new StreamSource(new StringReader(XSD)));
    } catch (SAXException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One UTF-8 document, as {@link NativeDicomModelWriter#writeDocument} writes it. */
  static byte[] write(Attributes dataset, BulkDataUriProvider bulkData)
      throws XMLStreamException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    NativeDicomModelWriter.writeDocument(out, dataset, bulkData);
    return out.toByteArray();
  }

  /** Parses a document, failing on malformed XML, and validates it against the schema. */
  static Document parseAndValidate(byte[] xml) throws IOException, SAXException {
    SCHEMA.newValidator().validate(new StreamSource(new ByteArrayInputStream(xml)));
    return parse(xml);
  }

  static Document parse(byte[] xml) throws IOException, SAXException {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    try {
      return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The element children of {@code parent} with the given local name, in document order. */
  static List<Element> children(Node parent, String localName) {
    List<Element> found = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && localName.equals(e.getLocalName())) {
        found.add(e);
      }
    }
    return found;
  }

  /** All element children of {@code parent}. */
  static List<Element> children(Node parent) {
    List<Element> found = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        found.add(e);
      }
    }
    return found;
  }

  /** The one DicomAttribute child of {@code parent} with this tag (and no privateCreator). */
  static Element attribute(Node parent, String tag) {
    return attribute(parent, tag, null);
  }

  /** The one DicomAttribute child with this tag and privateCreator (null: none). */
  static Element attribute(Node parent, String tag, String privateCreator) {
    List<Element> matches = children(parent, "DicomAttribute").stream()
        .filter(e -> e.getAttribute("tag").equals(tag))
        .filter(e -> privateCreator == null ? !e.hasAttribute("privateCreator")
            : privateCreator.equals(e.getAttribute("privateCreator")))
        .toList();
    assertThat(matches).as("DicomAttribute tag=%s privateCreator=%s", tag, privateCreator)
        .hasSize(1);
    return matches.get(0);
  }

  /**
   * The children named {@code localName} (Value, Item, PersonName), after checking that they
   * are all the element's children and numbered 1, 2, ... in order.
   */
  static List<Element> numbered(Element attribute, String localName) {
    List<Element> all = children(attribute);
    assertThat(all).allSatisfy(e -> assertThat(e.getLocalName()).isEqualTo(localName));
    for (int i = 0; i < all.size(); i++) {
      assertThat(all.get(i).getAttribute("number")).isEqualTo(Integer.toString(i + 1));
    }
    return all;
  }

  /** The texts of the Value children, checked to be numbered from 1. */
  static List<String> values(Element attribute) {
    return numbered(attribute, "Value").stream().map(Element::getTextContent).toList();
  }

  /** The text of the one child element named {@code localName}. */
  static String childText(Element parent, String localName) {
    List<Element> found = children(parent, localName);
    assertThat(found).as("<%s> in <%s>", localName, parent.getLocalName()).hasSize(1);
    return found.get(0).getTextContent();
  }
}

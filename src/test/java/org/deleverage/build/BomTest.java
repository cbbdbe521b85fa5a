package org.deleverage.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The BOM (core/bom/pom.xml) has no parent, so nothing in Maven keeps its version in step with the
 * project's: this test does, and it fails the build when the two drift or when the BOM stops
 * listing exactly the deleverage artifacts that deleverage-parent manages.
 */
class BomTest {

  private static final Path ROOT = Path.of(System.getProperty("deleverage.root", "../.."));

  @Test
  void theBomHasTheProjectVersionAndNoParent() throws Exception {
    Element bom = root(ROOT.resolve("core/bom/pom.xml"));
    Element parent = root(ROOT.resolve("pom.xml"));

    assertThat(child(bom, "parent"))
        .as("an imported BOM must not inherit deleverage-parent's third-party management")
        .isNull();
    assertThat(text(bom, "groupId")).isEqualTo(text(parent, "groupId"));
    assertThat(text(bom, "version"))
        .as("core/bom/pom.xml's version must be the project version of pom.xml")
        .isEqualTo(text(parent, "version"))
        .isEqualTo(System.getProperty("deleverage.version", text(parent, "version")));
    assertThat(text(bom, "packaging")).isEqualTo("pom");
  }

  @Test
  void theBomManagesExactlyTheDeleverageArtifacts() throws Exception {
    Element bom = root(ROOT.resolve("core/bom/pom.xml"));
    Element parent = root(ROOT.resolve("pom.xml"));
    String group = text(parent, "groupId");

    List<String> inParent = new ArrayList<>();
    for (Element d : managed(parent)) {
      if (group.equals(text(d, "groupId"))) {
        inParent.add(text(d, "artifactId"));
      }
    }
    List<String> inBom = new ArrayList<>();
    for (Element d : managed(bom)) {
      assertThat(text(d, "groupId")).as("the BOM manages no third-party dependency").isEqualTo(group);
      assertThat(text(d, "version")).isEqualTo("${project.version}");
      inBom.add(text(d, "artifactId"));
    }
    assertThat(inBom)
        .containsExactlyInAnyOrderElementsOf(inParent)
        .doesNotContain("deleverage-tests", "deleverage-benchmarks", "deleverage-parent");
  }

  private static Element root(Path pom) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document document = factory.newDocumentBuilder().parse(pom.toFile());
    return document.getDocumentElement();
  }

  private static List<Element> managed(Element project) {
    Element dependencies = child(child(project, "dependencyManagement"), "dependencies");
    List<Element> all = new ArrayList<>();
    for (Node n = dependencies.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals("dependency")) {
        all.add(e);
      }
    }
    return all;
  }

  private static Element child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e;
      }
    }
    return null;
  }

  private static String text(Element parent, String name) {
    Element e = child(parent, name);
    assertThat(e).as("<%s> in <%s>", name, parent.getTagName()).isNotNull();
    return e.getTextContent().trim();
  }
}

package org.tessera.dicom.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PersonNameTest {

  @Test
  void splitsGroupsAndComponents() {
    PersonName pn = PersonName.parse("Adams^John Robert Quincy^^Rev.^B.A. M.Div.");
    assertThat(pn.alphabetic()).isEqualTo(
        new PersonName.Group("Adams", "John Robert Quincy", "", "Rev.", "B.A. M.Div."));
    assertThat(pn.ideographic().isEmpty()).isTrue();
    assertThat(pn.toString()).isEqualTo("Adams^John Robert Quincy^^Rev.^B.A. M.Div.");
  }

  @Test
  void keepsIdeographicAndPhoneticGroups() {
    PersonName pn = PersonName.parse("Hong^Gildong=洪^吉洞=홍^길동");
    assertThat(pn.groups()).containsExactly("Hong^Gildong", "洪^吉洞", "홍^길동");
    assertThat(PersonName.parse("=山田^太郎").groups()).containsExactly("", "山田^太郎", "");
    assertThat(PersonName.parse("=山田^太郎").toString()).isEqualTo("=山田^太郎");
  }

  @Test
  void dropsTrailingEmptyComponentsWhenFormatting() {
    assertThat(PersonName.parse("Doe^John^^^").toString()).isEqualTo("Doe^John");
    assertThat(PersonName.parse("Doe==").toString()).isEqualTo("Doe");
    assertThat(PersonName.parse("").toString()).isEmpty();
  }
}

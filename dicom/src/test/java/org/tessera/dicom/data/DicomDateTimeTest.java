package org.tessera.dicom.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DicomDateTimeTest {

  @Test
  void parsesDatesIncludingTheAcrNemaForm() {
    assertThat(DicomDateTime.parseDate("19930822")).isEqualTo(LocalDate.of(1993, 8, 22));
    assertThat(DicomDateTime.parseDate("1993.08.22")).isEqualTo(LocalDate.of(1993, 8, 22));
    assertThatThrownBy(() -> DicomDateTime.parseDate("1993082"))
        .isInstanceOf(DateTimeException.class).hasMessageContaining("1993082");
    assertThatThrownBy(() -> DicomDateTime.parseDate("19931322"))
        .isInstanceOf(DateTimeException.class);
  }

  @Test
  void parsesPartialTimesAndFractions() {
    assertThat(DicomDateTime.parseTime("07")).isEqualTo(LocalTime.of(7, 0));
    assertThat(DicomDateTime.parseTime("0715")).isEqualTo(LocalTime.of(7, 15));
    assertThat(DicomDateTime.parseTime("071530.5")).isEqualTo(LocalTime.of(7, 15, 30, 500_000_000));
    assertThat(DicomDateTime.parseTime("07:15:30")).isEqualTo(LocalTime.of(7, 15, 30));
    assertThat(DicomDateTime.parseTime("235960")).isEqualTo(LocalTime.of(23, 59, 59));
    assertThatThrownBy(() -> DicomDateTime.parseTime("071")).isInstanceOf(DateTimeException.class);
    assertThatThrownBy(() -> DicomDateTime.parseTime("071530.1234567"))
        .isInstanceOf(DateTimeException.class);
  }

  @Test
  void parsesDateTimesWithOffsets() {
    assertThat(DicomDateTime.parseDateTime("2019")).isEqualTo(LocalDateTime.of(2019, 1, 1, 0, 0));
    assertThat(DicomDateTime.parseDateTime("20190315101112.123+0100"))
        .isEqualTo(LocalDateTime.of(2019, 3, 15, 10, 11, 12, 123_000_000));
    assertThat(DicomDateTime.parseDateTimeOffset("20190315101112.123+0100"))
        .isEqualTo(ZoneOffset.ofHours(1));
    assertThat(DicomDateTime.parseDateTimeOffset("20190315-0530"))
        .isEqualTo(ZoneOffset.ofHoursMinutes(-5, -30));
    assertThat(DicomDateTime.parseDateTimeOffset("20190315")).isNull();
    assertThatThrownBy(() -> DicomDateTime.parseDateTime("201903151.5"))
        .isInstanceOf(DateTimeException.class);
  }

  @Test
  void formatsValues() {
    assertThat(DicomDateTime.formatDate(LocalDate.of(2001, 2, 3))).isEqualTo("20010203");
    assertThat(DicomDateTime.formatTime(LocalTime.of(4, 5, 6))).isEqualTo("040506");
    assertThat(DicomDateTime.formatTime(LocalTime.of(4, 5, 6, 7_000))).isEqualTo("040506.000007");
    assertThat(DicomDateTime.formatDateTime(LocalDateTime.of(2001, 2, 3, 4, 5, 6)))
        .isEqualTo("20010203040506");
  }
}

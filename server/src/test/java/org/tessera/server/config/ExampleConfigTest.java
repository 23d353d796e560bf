package org.tessera.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/tessera.example.yaml documents exactly the keys the records define, with their defaults. */
class ExampleConfigTest {

  /** Relative to the server module, where Maven runs its tests. */
  private static final Path EXAMPLE = Path.of("../docs/tessera.example.yaml");

  @TempDir
  Path workingDir;

  @Test
  void listsExactlyTheKeysOfTheRecords() {
    List<String> listed = YamlSettings.readBlocking(EXAMPLE).stream()
        .filter(setting -> setting.kind() != Setting.Kind.MAPPING)
        .map(Setting::key)
        .toList();

    assertThat(listed).containsExactlyElementsOf(
        ConfigLoader.SCHEMA.keys().stream().map(ConfigSchema.Key::path).toList());
  }

  @Test
  void loadingItGivesTheDefaults() {
    TesseraConfig loaded = ConfigLoader.loadBlocking(
        List.of("--config", EXAMPLE.toAbsolutePath().toString()), Map.of(), workingDir);

    assertThat(loaded).isEqualTo(TesseraConfig.DEFAULTS);
  }

  @Test
  void everyKeyHasACommentLineAboveIt() throws IOException {
    List<String> lines = Files.readAllLines(EXAMPLE);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      boolean isKeyWithValue = line.matches("\\s*\\w+:\\s*\\S.*") && !line.stripLeading().startsWith("#");
      if (isKeyWithValue) {
        assertThat(i).as("line %d: %s", i + 1, line).isPositive();
        assertThat(lines.get(i - 1).stripLeading()).as("comment above line %d: %s", i + 1, line).startsWith("# ");
      }
    }
  }
}

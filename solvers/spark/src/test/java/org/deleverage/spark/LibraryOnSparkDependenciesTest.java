package org.deleverage.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.collect.ImmutableList;
import org.deleverage.InvalidInputException;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.io.ProblemJson;
import org.deleverage.solvers.Solvers;
import org.junit.jupiter.api.Test;

/**
 * The library where Spark's own Jackson and Guava come first on the class path, as on an
 * executor without the job jar's relocated copies: this module's tests run on Spark's versions
 * (the pom's spark.jackson.version and spark.guava.version), and the library reads, writes,
 * reports errors and solves there.
 */
class LibraryOnSparkDependenciesTest {

  @Test
  void theTestsRunOnSparksJacksonAndGuava() {
    assertThat(com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString())
        .isEqualTo(System.getProperty("spark.jackson.version"));
    String guavaJar = ImmutableList.class.getProtectionDomain().getCodeSource().getLocation()
        .toString();
    assertThat(guavaJar).endsWith("guava-" + System.getProperty("spark.guava.version") + ".jar");
  }

  @Test
  void theLibraryReadsWritesAndSolvesOnThem() {
    DeleveragingProblem sample = ProblemGenerator.sample();
    assertThat(ProblemJson.read(ProblemJson.write(sample))).isEqualTo(sample);
    assertThat(Solvers.optimal().solve(sample.resolve()).plan().trades()).isNotEmpty();
    assertThatThrownBy(() -> ProblemJson.read("{\"account\":{\"cash\":1.0},\"assets\":[{"
        + "\"id\":\"A\",\"quantity\":1,\"price\":1,\"adv\":1,\"maxParticipaton\":0.1}]}"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("assets[0].maxParticipaton: unknown field, did you mean "
            + "\"maxParticipation\"?");
  }
}

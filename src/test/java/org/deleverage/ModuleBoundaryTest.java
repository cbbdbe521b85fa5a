package org.deleverage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.collect.ImmutableList;
import java.io.InputStream;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.plan.Plan;
import org.deleverage.io.ProblemJson;
import org.deleverage.solvers.Solvers;
import org.deleverage.solvers.optimal.InteriorPointSolver;
import org.junit.jupiter.api.Test;
import org.ojalgo.OjAlgoUtils;

/**
 * The library's module boundary, read from the built jars: each library module exports its API
 * packages and nothing else (its internals only to the library's own modules, by name), and the
 * four modules with their third-party dependencies resolve and run on the module path, where a
 * user of {@code module-info.java} will put them.
 */
class ModuleBoundaryTest {

  private static final String SAMPLE = "/org/deleverage/cli/sample-margin-call.json";

  /** What each library module exports to everyone: its API. */
  private static final Map<String, Set<String>> API =
      Map.of(
          "org.deleverage.models",
          Set.of("org.deleverage", "org.deleverage.models", "org.deleverage.models.risk"),
          "org.deleverage.core",
          Set.of("org.deleverage.core", "org.deleverage.core.evaluate",
              "org.deleverage.core.plan", "org.deleverage.core.solve"),
          "org.deleverage.solvers",
          Set.of("org.deleverage.solvers", "org.deleverage.solvers.adl",
              "org.deleverage.solvers.analysis", "org.deleverage.solvers.baseline",
              "org.deleverage.solvers.exchange",
              "org.deleverage.solvers.optimal", "org.deleverage.solvers.stress"),
          "org.deleverage.files",
          Set.of("org.deleverage.io"));

  @Test
  void eachModuleExportsItsApiAndItsInternalsOnlyToTheLibrary() {
    Map<String, ModuleDescriptor> modules = libraryModules();
    assertThat(modules.keySet()).containsExactlyInAnyOrderElementsOf(API.keySet());
    for (ModuleDescriptor module : modules.values()) {
      Set<String> everyone = new TreeSet<>();
      for (ModuleDescriptor.Exports exports : module.exports()) {
        if (exports.isQualified()) {
          assertThat(exports.targets()).as("%s exports %s to", module.name(), exports.source())
              .isSubsetOf(API.keySet());
          assertThat(exports.source()).as(module.name()).matches(".*\\.(internal|numerics)");
        } else {
          everyone.add(exports.source());
        }
      }
      assertThat(everyone).as(module.name()).isEqualTo(new TreeSet<>(API.get(module.name())));
      // Internals are there, but not for everyone: the ojAlgo adapter is exported to no one.
      assertThat(module.packages()).as(module.name()).containsAll(everyone);
    }
    assertThat(modules.get("org.deleverage.solvers").packages())
        .contains("org.deleverage.solvers.ojalgo");
    assertThat(modules.get("org.deleverage.core").packages())
        .contains("org.deleverage.core.internal");
  }

  @Test
  void theLibraryRequiresNoCommandLineChartOrTestLibrary() {
    Set<String> required =
        libraryModules().values().stream()
            .flatMap(module -> module.requires().stream())
            .map(ModuleDescriptor.Requires::name)
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(required)
        .containsExactlyInAnyOrder("java.base", "org.deleverage.models", "org.deleverage.core",
            "org.deleverage.solvers", "com.google.common", "commons.math3", "ojalgo",
            "com.fasterxml.jackson.databind", "com.fasterxml.jackson.dataformat.csv");
  }

  /**
   * The four modules and their dependencies as modules in a layer of their own: the bundled
   * sample read by {@code org.deleverage.files} and planned by {@code org.deleverage.solvers}
   * there gives the plan it gives on the class path.
   */
  @Test
  void theModulesResolveAndPlanOnTheModulePath() throws Exception {
    ModuleFinder finder =
        ModuleFinder.of(
            location(org.deleverage.models.TemporaryImpactModel.class),
            location(DeleveragingProblem.class),
            location(Solvers.class),
            location(ProblemJson.class),
            location(ImmutableList.class),
            location(com.google.common.util.concurrent.internal.InternalFutureFailureAccess.class),
            location(EigenDecomposition.class),
            location(OjAlgoUtils.class),
            location(ObjectMapper.class),
            location(com.fasterxml.jackson.core.JsonParser.class),
            location(com.fasterxml.jackson.annotation.JsonProperty.class),
            location(com.fasterxml.jackson.dataformat.csv.CsvMapper.class));
    Configuration configuration =
        ModuleLayer.boot().configuration()
            .resolve(finder, ModuleFinder.of(), Set.of("org.deleverage.files"));
    ModuleLayer layer =
        ModuleLayer.boot()
            .defineModulesWithOneLoader(configuration, ClassLoader.getPlatformClassLoader());
    ClassLoader loader = layer.findLoader("org.deleverage.files");

    Class<?> problemJson = loader.loadClass("org.deleverage.io.ProblemJson");
    assertThat(problemJson.getModule().getName()).isEqualTo("org.deleverage.files");
    Object problem;
    try (InputStream in = ModuleBoundaryTest.class.getResourceAsStream(SAMPLE)) {
      problem = problemJson.getMethod("read", InputStream.class).invoke(null, in);
    }
    Object solver = loader.loadClass("org.deleverage.solvers.Solvers").getMethod("optimal")
        .invoke(null);
    Method plan =
        loader.loadClass("org.deleverage.core.solve.DeleveragingSolver")
            .getMethod("plan", loader.loadClass("org.deleverage.core.DeleveragingProblem"));
    Object onModules = plan.invoke(solver, problem);
    double expectedLoss = (double) onModules.getClass().getMethod("expectedLoss").invoke(onModules);

    DeleveragingProblem sample;
    try (InputStream in = ModuleBoundaryTest.class.getResourceAsStream(SAMPLE)) {
      sample = ProblemJson.read(in);
    }
    InteriorPointSolver optimal = Solvers.optimal();
    Plan onClassPath = optimal.plan(sample);
    assertThat(expectedLoss).isEqualTo(onClassPath.expectedLoss());
    Module core = layer.findModule("org.deleverage.core").orElseThrow();
    assertThat(core.isExported("org.deleverage.core.internal")).isFalse();
    assertThat(core.isExported("org.deleverage.core.internal",
        layer.findModule("org.deleverage.solvers").orElseThrow())).isTrue();
  }

  private static Map<String, ModuleDescriptor> libraryModules() {
    List<Path> jars =
        List.of(
            location(org.deleverage.models.TemporaryImpactModel.class),
            location(DeleveragingProblem.class),
            location(Solvers.class),
            location(ProblemJson.class));
    Map<String, ModuleDescriptor> modules = new TreeMap<>();
    ModuleFinder.of(jars.toArray(Path[]::new)).findAll()
        .forEach(reference -> modules.put(reference.descriptor().name(), reference.descriptor()));
    return modules;
  }

  /** The jar (or class directory) a class was loaded from. */
  private static Path location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}

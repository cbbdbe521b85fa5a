package org.deleverage.core.solve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.deleverage.InvalidInputException;
import org.deleverage.SolverFailedException;
import org.deleverage.core.Asset;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.Requirement;
import org.deleverage.core.ResolvedProblem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The batch solver's contract, with small test solvers that answer from the shortfall alone:
 * problem i of a batch asks for the shortfall S_i = 1000 (i + 1), and the echo solver reports it
 * infeasible with S_max = S_i / 2, so each result names its problem. Real solvers, whose plans
 * must agree bit for bit on one thread and many, are in the cross-module suite
 * ({@code BatchSolverPropertiesTest}).
 */
class BatchSolverTest {

  /** Every thread that ran a test solver, to prove none outlives the call. */
  private final Set<Thread> seen = ConcurrentHashMap.newKeySet();

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  /**
   * 40 problems whose solves take 0 to 6 ms in a pattern that makes later problems finish first:
   * the results still come back in input order, and equal the sequential ones.
   */
  @Test
  void resultsComeBackInInputOrderAndEqualTheSequentialOnes() {
    List<ResolvedProblem> problems = problems(40);
    DeleveragingSolver slow = solver(p -> {
      sleep((int) (40 - index(p)) % 7);
      return echo(p);
    });

    List<SolveResult> parallel = BatchSolver.of(4).solveAll(slow, problems);
    List<SolveResult> sequential = BatchSolver.of(1).solveAll(slow, problems);

    assertThat(parallel).hasSize(40);
    for (int i = 0; i < 40; i++) {
      assertThat(parallel.get(i)).isEqualTo(echo(problems.get(i)));
    }
    assertThat(parallel).isEqualTo(sequential);
    assertThat(parallel).isUnmodifiable();
  }

  /** Parallelism 1 solves every problem on the calling thread, and starts no other thread. */
  @Test
  void parallelismOneSolvesOnTheCallingThread() {
    List<SolveResult> results = BatchSolver.of(1).solveAll(solver(this::echo), problems(5));

    assertThat(results).hasSize(5);
    assertThat(seen).containsExactly(Thread.currentThread());
  }

  /**
   * With parallelism 3, three problems that each wait for the other two (a latch of 3) are all
   * solved, so three run at once; with 20 problems no more than three ever run at once; and no
   * helper thread is alive after the call.
   */
  @Test
  void solvesUpToParallelismProblemsAtOnceAndLeavesNoThreadRunning() {
    CountDownLatch together = new CountDownLatch(3);
    DeleveragingSolver meeting = solver(p -> {
      together.countDown();
      return await(together) ? echo(p) : failedEcho(p, "the other problems never started");
    });

    List<SolveResult> met = BatchSolver.of(3).solveAll(meeting, problems(3));

    assertThat(met).allMatch(r -> r instanceof SolveResult.Infeasible);
    assertThat(seen).hasSize(3).contains(Thread.currentThread());
    assertThat(seen).filteredOn(t -> t != Thread.currentThread())
        .allMatch(t -> t.getName().startsWith("deleverage-batch-"))
        .noneMatch(Thread::isAlive);

    seen.clear();
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    DeleveragingSolver counting = solver(p -> {
      most.accumulateAndGet(running.incrementAndGet(), Math::max);
      sleep(2);
      running.decrementAndGet();
      return echo(p);
    });

    BatchSolver.of(3).solveAll(counting, problems(20));

    assertThat(most.get()).isBetween(1, 3);
    assertThat(seen).filteredOn(t -> t != Thread.currentThread()).noneMatch(Thread::isAlive);
  }

  /**
   * A problem whose solve throws gets its own failed result, and every other problem is solved:
   * an InvalidInputException keeps its path and rule, anything else its class, message and place.
   */
  @Test
  void aProblemWhoseSolveThrowsGetsItsOwnFailedResult() {
    DeleveragingSolver flaky = solver(p -> switch (index(p)) {
      case 2 -> throw new InvalidInputException("assets[0]", "not convex: kappa < gamma (N + 1)");
      case 4 -> throw new IllegalStateException("boom");
      default -> echo(p);
    });
    List<ResolvedProblem> problems = problems(7);

    for (int parallelism : new int[] {1, 3}) {
      List<SolveResult> results = BatchSolver.of(parallelism).solveAll(flaky, problems);

      assertThat(results).hasSize(7);
      for (int i : new int[] {0, 1, 3, 5, 6}) {
        assertThat(results.get(i)).isEqualTo(echo(problems.get(i)));
      }
      SolveResult.Failed invalid = (SolveResult.Failed) results.get(2);
      assertThat(invalid.solver()).isEqualTo("test");
      assertThat(invalid.reason())
          .isEqualTo("invalid input: assets[0]: not convex: kappa < gamma (N + 1)");
      assertThat(invalid.iterations()).isZero();
      SolveResult.Failed unexpected = (SolveResult.Failed) results.get(4);
      assertThat(unexpected.reason())
          .startsWith("threw java.lang.IllegalStateException: boom at ")
          .contains(BatchSolverTest.class.getName());
      assertThatThrownBy(unexpected::plan).isInstanceOf(SolverFailedException.class)
          .hasMessageContaining("boom");
    }
  }

  /** A solver that returns null fails that problem, not the batch. */
  @Test
  void aMissingResultIsAFailedResult() {
    DeleveragingSolver silent = solver(p -> index(p) == 1 ? null : echo(p));

    List<SolveResult> results = BatchSolver.of(2).solveAll(silent, problems(3));

    assertThat(results.get(1))
        .isEqualTo(new SolveResult.Failed("test", "returned no result", 0,
            results.get(1).solveMillis()));
    assertThat(results.get(2)).isInstanceOf(SolveResult.Infeasible.class);
  }

  /**
   * An error is not a result: the call throws it, on one thread or many, and the helpers are
   * done when it does.
   */
  @Test
  void anErrorStopsTheBatchAndIsThrown() {
    Error fatal = new Error("out of something");
    DeleveragingSolver dying = solver(p -> {
      if (index(p) == 3) {
        throw fatal;
      }
      return echo(p);
    });

    for (int parallelism : new int[] {1, 4}) {
      assertThatThrownBy(() -> BatchSolver.of(parallelism).solveAll(dying, problems(12)))
          .isSameAs(fatal);
      assertThat(seen).filteredOn(t -> t != Thread.currentThread()).noneMatch(Thread::isAlive);
    }
  }

  /** Arguments are checked, and the message names the parameter. */
  @Test
  void argumentsAreValidated() {
    assertThatThrownBy(() -> BatchSolver.of(0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("parallelism: must be >= 1, was 0");
    assertThatThrownBy(() -> BatchSolver.allCores().withParallelism(-2))
        .hasMessage("parallelism: must be >= 1, was -2");
    assertThatThrownBy(() -> BatchSolver.on(null, 2)).hasMessage("executor: is required");
    assertThatThrownBy(() -> BatchSolver.on(Runnable::run, 0))
        .hasMessage("parallelism: must be >= 1, was 0");
    BatchSolver batch = BatchSolver.of(2);
    DeleveragingSolver echo = solver(this::echo);
    assertThatThrownBy(() -> batch.solveAll(null, problems(1))).hasMessage("solver: is required");
    assertThatThrownBy(() -> batch.solveAll(echo, null)).hasMessage("problems: is required");
    List<ResolvedProblem> withNull = new ArrayList<>(problems(2));
    withNull.add(null);
    assertThatThrownBy(() -> batch.solveAll(echo, withNull))
        .hasMessage("problems[2]: is required");
    assertThatThrownBy(() -> new BatchSolver.Task(echo, null)).hasMessage("problem: is required");
    assertThat(BatchSolver.allCores().parallelism())
        .isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(batch.solveAll(echo, List.of())).isEmpty();
  }

  /**
   * A caller interrupted before the call starts nothing: every problem fails as not started, and
   * the interrupt status stays set.
   */
  @Test
  void aCallerInterruptedBeforeTheCallStartsNothing() {
    Thread.currentThread().interrupt();

    List<SolveResult> results = BatchSolver.of(3).solveAll(solver(this::echo), problems(4));

    assertThat(Thread.currentThread().isInterrupted()).isTrue();
    assertThat(results).hasSize(4).allMatch(
        r -> r.equals(new SolveResult.Failed("test", BatchSolver.NOT_STARTED, 0, 0.0)));
    assertThat(seen).isEmpty();
  }

  /**
   * A caller interrupted during the batch (here by the solve of problem 3) starts no further
   * problem: the problems started before are solved, those after fail as not started. On one
   * thread that is exactly problems 0 to 3; on three, a prefix that includes problem 3 (the
   * helpers may start a few more before the caller notices).
   */
  @Test
  void aCallerInterruptedDuringTheBatchStartsNoFurtherProblem() {
    Thread caller = Thread.currentThread();
    DeleveragingSolver interrupting = solver(p -> {
      if (index(p) == 3) {
        caller.interrupt();
      }
      return echo(p);
    });
    List<ResolvedProblem> problems = problems(30);

    List<SolveResult> sequential = BatchSolver.of(1).solveAll(interrupting, problems);

    assertThat(Thread.interrupted()).isTrue();
    assertThat(sequential.subList(0, 4)).allMatch(r -> r instanceof SolveResult.Infeasible);
    assertThat(sequential.subList(4, 30)).allMatch(
        r -> r instanceof SolveResult.Failed f && f.reason().equals(BatchSolver.NOT_STARTED));

    // 5 ms a problem: the helpers alone would need half a second for the other 196.
    DeleveragingSolver slowInterrupting = solver(p -> {
      sleep(5);
      return interrupting.solve(p);
    });
    List<ResolvedProblem> many = problems(200);
    List<SolveResult> parallel = BatchSolver.of(3).solveAll(slowInterrupting, many);

    assertThat(Thread.interrupted()).isTrue();
    int solved = (int) parallel.stream().takeWhile(r -> r instanceof SolveResult.Infeasible)
        .count();
    assertThat(solved).isGreaterThanOrEqualTo(4).isLessThan(200);
    assertThat(parallel.subList(solved, 200)).allMatch(
        r -> r instanceof SolveResult.Failed f && f.reason().equals(BatchSolver.NOT_STARTED));
    assertThat(seen).filteredOn(t -> t != caller).noneMatch(Thread::isAlive);
  }

  /**
   * With the caller's executor the helpers are its tasks (three problems that wait for each
   * other all finish, so two ran on the pool), and the executor is left running.
   */
  @Test
  void helpersRunOnTheCallersExecutorWhichIsNotShutDown() throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch together = new CountDownLatch(3);
      DeleveragingSolver meeting = solver(p -> {
        together.countDown();
        return await(together) ? echo(p) : failedEcho(p, "the other problems never started");
      });

      List<SolveResult> results = BatchSolver.on(pool, 3).solveAll(meeting, problems(3));

      assertThat(results).allMatch(r -> r instanceof SolveResult.Infeasible);
      assertThat(seen).hasSize(3).contains(Thread.currentThread());
      assertThat(pool.isShutdown()).isFalse();
      assertThat(pool.submit(() -> 1 + 1)).succeedsWithin(java.time.Duration.ofSeconds(10));
    } finally {
      pool.shutdown();
      assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  /** An executor that rejects every helper leaves the whole batch to the calling thread. */
  @Test
  void anExecutorThatRejectsHelpersLeavesTheWorkToTheCaller() {
    BatchSolver rejecting = BatchSolver.on(command -> {
      throw new RejectedExecutionException("full");
    }, 4);

    List<SolveResult> results = rejecting.solveAll(solver(this::echo), problems(6));

    assertThat(results).hasSize(6).allMatch(r -> r instanceof SolveResult.Infeasible);
    assertThat(seen).containsExactly(Thread.currentThread());
  }

  /**
   * Each task is solved by its own solver; resolving on the batch's threads gives what resolving
   * first gives.
   */
  @Test
  void tasksUseTheirOwnSolverAndResolvingInTheBatchChangesNothing() {
    List<ResolvedProblem> problems = problems(4);
    DeleveragingSolver other = new DeleveragingSolver() {
      @Override
      public String name() {
        return "other";
      }

      @Override
      public SolveResult solve(ResolvedProblem problem) {
        return new SolveResult.Failed("other", "S = " + problem.shortfall(), 1, 0.0);
      }
    };
    DeleveragingSolver echo = solver(this::echo);
    List<BatchSolver.Task> tasks = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      tasks.add(new BatchSolver.Task(i % 2 == 0 ? echo : other, problems.get(i)));
    }

    List<SolveResult> results = BatchSolver.of(2).solveAll(tasks);

    assertThat(results).extracting(SolveResult::solver)
        .containsExactly("test", "other", "test", "other");
    assertThat(results.get(3)).isEqualTo(new SolveResult.Failed("other", "S = 4000.0", 1, 0.0));

    List<DeleveragingProblem> unresolved = problems.stream().map(ResolvedProblem::problem).toList();
    assertThat(BatchSolver.of(3).resolveAndSolveAll(echo, unresolved))
        .isEqualTo(BatchSolver.of(1).solveAll(echo, problems));
  }

  // ---------------------------------------------------------------------------------------------

  /** Problem i: one long asset, a margin call with the shortfall S_i = 1000 (i + 1). */
  private static List<ResolvedProblem> problems(int count) {
    List<ResolvedProblem> problems = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      problems.add(DeleveragingProblem.builder()
          .cash(-1_000.0)
          .asset(Asset.builder("A").quantity(1_000.0).price(10.0).adv(1e6).marginRate(0.5)
              .build())
          .requirement(Requirement.margin().withShortfall(1_000.0 * (i + 1)))
          .build()
          .resolve());
    }
    return problems;
  }

  /** The index i of a problem of {@link #problems}. */
  private static int index(ResolvedProblem problem) {
    return (int) Math.round(problem.shortfall() / 1_000.0) - 1;
  }

  /** The echo solver's answer: infeasible, S_max = S / 2, no iterations, no time. */
  private SolveResult echo(ResolvedProblem problem) {
    seen.add(Thread.currentThread());
    return new SolveResult.Infeasible("test", problem.shortfall(), problem.shortfall() / 2, 0, 0);
  }

  private SolveResult failedEcho(ResolvedProblem problem, String reason) {
    seen.add(Thread.currentThread());
    return new SolveResult.Failed("test", reason + " (S = " + problem.shortfall() + ")", 0, 0);
  }

  /** A solver named "test" that answers by {@code answer}. */
  private DeleveragingSolver solver(Function<ResolvedProblem, SolveResult> answer) {
    return new DeleveragingSolver() {
      @Override
      public String name() {
        return "test";
      }

      @Override
      public SolveResult solve(ResolvedProblem problem) {
        seen.add(Thread.currentThread());
        return answer.apply(problem);
      }
    };
  }

  private static void sleep(int millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits up to 10 s for the latch; false on time-out or interrupt. */
  private static boolean await(CountDownLatch latch) {
    try {
      return latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}

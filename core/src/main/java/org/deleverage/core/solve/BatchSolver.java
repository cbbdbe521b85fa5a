package org.deleverage.core.solve;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.deleverage.InvalidInputException;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.ResolvedProblem;
import org.deleverage.models.internal.Checks;

/**
 * Solves many problems at once on several threads: the accounts of a book, or the scenarios of
 * one account. Each problem is solved by its solver's own {@link DeleveragingSolver#solve}; this
 * class only decides which thread does it and collects the results.
 *
 * <p>Results. One {@link SolveResult} per problem, in the order of the input. Solvers are
 * stateless and thread-safe and share nothing between calls (the resolved problems and the model
 * objects they hold are immutable), so a problem's result does not depend on the thread that
 * solved it, on the other problems, or on the parallelism: the same inputs give the same plans,
 * figure for figure, on one thread or many. Only two things can differ between runs: the times
 * the results report ({@code solveMillis}), and the outcome of a solve that meets a wall-clock
 * limit of its solver (the optimiser's is 300 s by default, {@code InteriorPointOptions}), which
 * a busier machine reaches sooner.
 *
 * <p>Failures. One problem cannot lose the others. A {@link RuntimeException} thrown while
 * solving a problem (or, for {@link #resolveAndSolveAll}, resolving it) becomes that problem's
 * {@link SolveResult.Failed}, with the solver's name, no iterations, the time until the throw and
 * a reason: {@code invalid input: } and the path and rule of an {@link InvalidInputException}
 * (for example the optimiser's rejection of a non-convex instance, {@code invalid input:
 * assets[0]: not convex: ...}), else {@code threw } and the exception's class, message and the
 * place it was thrown. A solver that returns {@code null} gets a failed result too. Errors ({@link
 * OutOfMemoryError}, {@link StackOverflowError}, ...) are not results: no further problem is
 * started, those being solved are finished, and the call throws the first error.
 *
 * <p>Threads. With parallelism p at most p problems are solved at once: the calling thread solves
 * problems itself, beside p - 1 helpers (fewer when there are fewer problems). By default each
 * call starts its own helper threads (daemon threads named {@code deleverage-batch-1}, ...) and
 * joins them before it returns, so no thread outlives the call; with {@link #on(Executor, int)}
 * the helpers are tasks of the caller's executor, which is neither shut down nor waited for once
 * its tasks are done (a task that starts after the call has returned finds nothing to do and
 * ends). An executor that rejects a helper leaves its share to the other threads. Problems are
 * handed out one at a time in input order to whichever thread is free, so long and short solves
 * balance. With parallelism 1 every problem is solved on the calling thread, in order, and no
 * other thread is used.
 *
 * <p>Interruption. Solvers do not observe interrupts, so a problem being solved is always
 * finished. When the calling thread is interrupted (before the call, between two of its own
 * solves, or while it waits for the helpers) no further problem is started; each problem not
 * started gets a {@link SolveResult.Failed} whose reason says so ({@link #NOT_STARTED}), the
 * call returns once the problems in flight are done, and the thread's interrupt status is left
 * set. A helper whose own thread is interrupted (an executor shut down with {@code shutdownNow})
 * stops taking problems and leaves them to the others.
 *
 * <p>Immutable and thread-safe; the library prints nothing.
 */
public final class BatchSolver {

  /** The reason of the failed result of a problem not started because of an interrupt. */
  public static final String NOT_STARTED =
      "not solved: the calling thread was interrupted before this problem was started";

  private final int parallelism;

  /** The caller's executor for the helpers, or null for threads of the call's own. */
  private final Executor executor;

  private BatchSolver(int parallelism, Executor executor) {
    this.parallelism = Checks.atLeastOne("parallelism", parallelism);
    this.executor = executor;
  }

  /**
   * A batch solver that uses every core: parallelism {@link Runtime#availableProcessors()}, read
   * now, on threads of each call's own.
   *
   * @return a batch solver that uses every core
   */
  public static BatchSolver allCores() {
    return new BatchSolver(Runtime.getRuntime().availableProcessors(), null);
  }

  /**
   * A batch solver that solves at most {@code parallelism} problems at once, on threads of each
   * call's own; 1 solves every problem on the calling thread.
   *
   * @param parallelism the most problems solved at once, &gt;= 1
   * @return a batch solver that solves at most {@code parallelism} problems at once
   * @throws InvalidInputException if {@code parallelism} is below 1
   */
  public static BatchSolver of(int parallelism) {
    return new BatchSolver(parallelism, null);
  }

  /**
   * A batch solver whose helpers are tasks of {@code executor}: each call submits up to {@code
   * parallelism - 1} of them and solves problems on the calling thread too. The executor is the
   * caller's to shut down.
   *
   * @param executor where the helpers run
   * @param parallelism the most problems solved at once, the calling thread included, &gt;= 1
   * @return a batch solver whose helpers are tasks of {@code executor}
   * @throws InvalidInputException if {@code executor} is null or {@code parallelism} is below 1
   */
  public static BatchSolver on(Executor executor, int parallelism) {
    return new BatchSolver(parallelism, Checks.present("executor", executor));
  }

  /**
   * The most problems solved at once, the calling thread included.
   *
   * @return the most problems solved at once, the calling thread included
   */
  public int parallelism() {
    return parallelism;
  }

  /**
   * The executor the helpers run on, if the caller gave one; empty when each call starts its own
   * threads.
   *
   * @return the executor the helpers run on, if the caller gave one
   */
  public Optional<Executor> executor() {
    return Optional.ofNullable(executor);
  }

  /**
   * This batch solver with another parallelism, on the same executor (if any).
   *
   * @param parallelism the most problems solved at once, &gt;= 1
   * @return the copy
   * @throws InvalidInputException if {@code parallelism} is below 1
   */
  public BatchSolver withParallelism(int parallelism) {
    return new BatchSolver(parallelism, executor);
  }

  /**
   * Solves every problem with {@code solver}.
   *
   * @param solver the solver of every problem
   * @param problems the problems, none null
   * @return a result per problem, in the order of {@code problems}; immutable
   * @throws InvalidInputException naming the argument ({@code problems[3]: is required}) if an
   *     argument or a problem is null
   */
  public List<SolveResult> solveAll(DeleveragingSolver solver, List<ResolvedProblem> problems) {
    Checks.present("solver", solver);
    List<Work> work = new ArrayList<>();
    for (ResolvedProblem problem : present("problems", problems)) {
      work.add(new Work(solver, () -> solver.solve(problem)));
    }
    return run(work);
  }

  /**
   * Resolves and solves every problem with {@code solver}, both on the batch's threads: an
   * exception from {@link DeleveragingProblem#resolve()} fails that problem alone, as one from
   * the solver does.
   *
   * @param solver the solver of every problem
   * @param problems the problems, none null
   * @return a result per problem, in the order of {@code problems}; immutable
   * @throws InvalidInputException naming the argument if an argument or a problem is null
   */
  public List<SolveResult> resolveAndSolveAll(
      DeleveragingSolver solver, List<DeleveragingProblem> problems) {
    Checks.present("solver", solver);
    List<Work> work = new ArrayList<>();
    for (DeleveragingProblem problem : present("problems", problems)) {
      work.add(new Work(solver, () -> solver.solve(problem.resolve())));
    }
    return run(work);
  }

  /**
   * Solves every task's problem with the task's own solver: accounts that deleverage each by
   * its own method.
   *
   * @param tasks the problems and their solvers, none null
   * @return a result per task, in the order of {@code tasks}; immutable
   * @throws InvalidInputException naming the argument if {@code tasks} or a task is null
   */
  public List<SolveResult> solveAll(List<Task> tasks) {
    List<Work> work = new ArrayList<>();
    for (Task task : present("tasks", tasks)) {
      work.add(new Work(task.solver(), () -> task.solver().solve(task.problem())));
    }
    return run(work);
  }

  @Override
  public String toString() {
    return "BatchSolver[parallelism=" + parallelism
        + (executor == null ? "" : ", executor=" + executor) + "]";
  }

  /**
   * A problem and the solver that solves it. Immutable.
   *
   * @param solver the solver
   * @param problem the resolved problem
   */
  public record Task(DeleveragingSolver solver, ResolvedProblem problem) {

    /**
     * Validates both fields.
     *
     * @param solver the solver
     * @param problem the resolved problem
     * @throws InvalidInputException naming the field if it is null
     */
    public Task {
      Checks.present("solver", solver);
      Checks.present("problem", problem);
    }
  }

  /** One problem's work: the solver (whose name a failure carries) and the solve itself. */
  private record Work(DeleveragingSolver solver, Supplier<SolveResult> solve) {}

  /** {@code list}, checked to be present with every element present. */
  private static <T> List<T> present(String name, List<T> list) {
    Checks.present(name, list);
    for (int i = 0; i < list.size(); i++) {
      Checks.present(name + "[" + i + "]", list.get(i));
    }
    return list;
  }

  /** Runs the batch: the calling thread and its helpers take problems until none is left. */
  private List<SolveResult> run(List<Work> work) {
    if (work.isEmpty()) {
      return List.of();
    }
    Run run = new Run(work);
    int helpers = Math.min(parallelism, work.size()) - 1;
    List<Thread> started = new ArrayList<>();
    Executor target = executor != null ? executor : command -> {
      Thread thread = new Thread(command, "deleverage-batch-" + (started.size() + 1));
      thread.setDaemon(true);
      started.add(thread);
      thread.start();
    };
    if (Thread.currentThread().isInterrupted()) {
      helpers = 0; // interrupted before the call: start nothing
    }
    try {
      for (int h = 0; h < helpers; h++) {
        try {
          target.execute(run::work);
        } catch (RejectedExecutionException e) {
          break; // the calling thread and the helpers already running share the rest
        }
      }
      run.work();
      if (Thread.currentThread().isInterrupted()) {
        run.stop();
      }
      run.awaitDone();
    } finally {
      // Only reached with problems left if submitting a helper threw: start none of them.
      run.stop();
      joinAll(started);
    }
    Error error = run.error.get();
    if (error != null) {
      throw error;
    }
    return List.of(run.results);
  }

  /** Waits for every thread to end, keeping any interrupt for the caller. */
  private static void joinAll(List<Thread> threads) {
    boolean interrupted = false;
    for (Thread thread : threads) {
      while (thread.isAlive()) {
        try {
          thread.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** The shared state of one call: the next problem to hand out, the results, what is done. */
  private static final class Run {

    private final List<Work> work;
    private final SolveResult[] results;
    private final AtomicInteger next = new AtomicInteger();
    private final CountDownLatch done;
    private final AtomicReference<Error> error = new AtomicReference<>();

    Run(List<Work> work) {
      this.work = work;
      this.results = new SolveResult[work.size()];
      this.done = new CountDownLatch(work.size());
    }

    /**
     * Takes problems in order and solves them until none is left, the run is stopped, or this
     * thread is interrupted. Each result is written before its count-down, which the caller's
     * wait sees.
     */
    void work() {
      while (!Thread.currentThread().isInterrupted()) {
        int i = next.getAndIncrement();
        if (i >= results.length) {
          return;
        }
        try {
          results[i] = solve(work.get(i));
        } catch (Error e) {
          error.compareAndSet(null, e);
          stop();
        } finally {
          done.countDown();
        }
      }
    }

    /**
     * Starts no further problem: each one not yet taken gets a failed result. Only the first
     * call finds any; a problem being solved is not affected.
     */
    void stop() {
      int from = next.getAndSet(results.length);
      for (int i = from; i < results.length; i++) {
        DeleveragingSolver solver = work.get(i).solver();
        results[i] = new SolveResult.Failed(solver.name(), NOT_STARTED, 0, 0.0);
        done.countDown();
      }
    }

    /** Waits until every problem has its result; an interrupt stops the run and is kept. */
    void awaitDone() {
      boolean interrupted = false;
      while (true) {
        try {
          done.await();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
          stop();
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** One problem's result, a failed one for a runtime exception or a missing result. */
  private static SolveResult solve(Work work) {
    long start = System.nanoTime();
    try {
      SolveResult result = work.solve().get();
      return result != null ? result : failed(work, "returned no result", start);
    } catch (InvalidInputException e) {
      return failed(work, "invalid input: " + e.getMessage(), start);
    } catch (RuntimeException e) {
      StackTraceElement[] trace = e.getStackTrace();
      return failed(work, "threw " + e + (trace.length > 0 ? " at " + trace[0] : ""), start);
    }
  }

  private static SolveResult.Failed failed(Work work, String reason, long start) {
    return new SolveResult.Failed(
        work.solver().name(), reason, 0, SolverReport.millisSince(start));
  }
}

package org.deleverage.solvers.optimal;

import com.google.common.base.Throwables;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.FutureTask;

/**
 * Work that a solve may hand to the common fork-join pool while it does other work itself: the
 * S_max run beside the plan run, half of a large separable book. The offering thread takes the
 * work back and does it itself if no pool thread has started it, so nothing ever waits on a task
 * that has not started, however busy the pool (a batch that keeps every core busy loses nothing).
 * Not offered, the work simply runs when it is joined.
 *
 * @param <T> the work's result
 */
final class Offloaded<T> {

  private final FutureTask<T> task;

  /** {@code work}, offered to the common pool when {@code offer} says so. */
  Offloaded(Callable<T> work, boolean offer) {
    task = new FutureTask<>(work);
    if (offer) {
      ForkJoinPool.commonPool().execute(task);
    }
  }

  /** Does the work here if no pool thread has started it; does not wait for one that has. */
  void settle() {
    task.run();
  }

  /**
   * The work's result: done here if no pool thread started it, else waited for. An unchecked
   * exception it threw is thrown as it was.
   *
   * @throws InterruptedException if interrupted while a pool thread still does the work
   */
  T join() throws InterruptedException {
    task.run();
    try {
      return task.get();
    } catch (ExecutionException e) {
      Throwables.throwIfUnchecked(e.getCause());
      throw new IllegalStateException(e.getCause());
    }
  }
}

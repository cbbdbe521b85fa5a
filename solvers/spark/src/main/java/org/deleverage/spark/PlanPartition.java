package org.deleverage.spark;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;

/** One partition's plans: one planner for the partition, rows planned as they are read. */
final class PlanPartition implements MapPartitionsFunction<Row, Row> {

  private static final long serialVersionUID = 1L;

  private final long timeLimitMillis;
  private final Broadcast<List<Row>> scenarios;

  PlanPartition(long timeLimitMillis, Broadcast<List<Row>> scenarios) {
    this.timeLimitMillis = timeLimitMillis;
    this.scenarios = scenarios;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> problems) {
    RowPlanner planner = new RowPlanner(timeLimitMillis);
    List<RowPlanner.ScenarioRead> shared =
        scenarios == null ? null : RowPlanner.ScenarioRead.all(scenarios.value());
    return new Iterator<>() {
      private final Deque<Row> pending = new ArrayDeque<>();

      @Override
      public boolean hasNext() {
        while (pending.isEmpty() && problems.hasNext()) {
          Row problem = problems.next();
          if (shared == null) {
            pending.add(planner.plan(problem));
          } else {
            pending.addAll(planner.planUnderRead(problem, shared));
          }
        }
        return !pending.isEmpty();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return pending.poll();
      }
    };
  }
}

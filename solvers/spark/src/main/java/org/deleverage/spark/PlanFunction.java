package org.deleverage.spark;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;

/** The SQL function: a problem struct to its plan struct, one planner per task. */
final class PlanFunction implements UDF1<Row, Row> {

  private static final long serialVersionUID = 1L;

  private final long timeLimitMillis;
  private transient RowPlanner planner;

  PlanFunction(long timeLimitMillis) {
    this.timeLimitMillis = timeLimitMillis;
  }

  @Override
  public Row call(Row problem) {
    if (problem == null) {
      return null;
    }
    if (planner == null) {
      planner = new RowPlanner(timeLimitMillis);
    }
    return planner.plan(problem);
  }
}

/**
 * Liquidation plans on Apache Spark. {@link org.deleverage.spark.SparkPlanner} plans a Dataset of
 * problem rows into plan rows (every account, or every account under every scenario, the
 * scenarios broadcast), explodes plans into trade rows and registers the SQL function {@code
 * deleverage_plan}. The row schemas are {@link org.deleverage.spark.RowSchemas}, with the field
 * names of the problem, stress and plan files (solvers/files/FORMAT.md, "Spark rows"); {@link
 * org.deleverage.spark.ProblemRows}, {@link org.deleverage.spark.ScenarioRows} and {@link
 * org.deleverage.spark.PlanRows} convert them. No account fails a job: invalid input, an
 * infeasible shortfall, a failed and a timed-out solve each give a row with its {@link
 * org.deleverage.spark.PlanStatus}. {@link org.deleverage.spark.PlanJob} is the job for {@code
 * spark-submit}. The API is Java: Spark's Java Dataset API and the library's types, no Scala
 * types. Spark is provided (4.2, Scala 2.13); nothing here prints but the job's main.
 */
package org.deleverage.spark;

package org.deleverage.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.deleverage.InvalidInputException;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.io.ProblemJson;
import org.apache.spark.sql.Row;

/**
 * Problem rows ({@link RowSchemas#PROBLEM}) to problems and back. A row is read exactly as the
 * problem file with the same fields is read (the row's null fields left out), so it meets every
 * rule of the file and its errors name the same paths.
 */
public final class ProblemRows {

  private ProblemRows() {}

  /**
   * The row of an account's problem, with every field written (defaults included), as the
   * problem file is written.
   *
   * @param accountId the account's key
   * @param problem the problem
   * @return the row, of schema {@link RowSchemas#PROBLEM}
   */
  public static Row toRow(String accountId, DeleveragingProblem problem) {
    ObjectNode json = (ObjectNode) JsonRows.tree(ProblemJson.write(problem));
    json.put("accountId", accountId);
    return JsonRows.toRow(json, RowSchemas.PROBLEM);
  }

  /**
   * The problem of a row. Fields are found by name, so any struct with the problem file's field
   * names will do; {@code accountId} is ignored here.
   *
   * @param row a row of {@link RowSchemas#PROBLEM} (or a struct with its field names)
   * @return the problem
   * @throws InvalidInputException if the row breaks a rule of the problem file, with the path of
   *     the field (for example {@code assets[3].price}) and the rule; a line and column in the
   *     message are those of the row's JSON form
   */
  public static DeleveragingProblem toProblem(Row row) {
    ObjectNode json = JsonRows.toJson(row, RowSchemas.PROBLEM, false);
    json.remove("accountId");
    return ProblemJson.read(JsonRows.text(json));
  }

  /**
   * The account id of a row: its {@code accountId} field, or null when it has none.
   *
   * @param row a problem row
   * @return the account id, or null
   */
  public static String accountId(Row row) {
    if (row.schema() == null) {
      return row.isNullAt(0) ? null : row.getString(0);
    }
    int index;
    try {
      index = row.fieldIndex("accountId");
    } catch (IllegalArgumentException e) {
      return null;
    }
    return row.isNullAt(index) ? null : String.valueOf(row.get(index));
  }
}

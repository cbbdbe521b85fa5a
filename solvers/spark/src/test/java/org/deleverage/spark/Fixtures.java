package org.deleverage.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.deleverage.core.Account;
import org.deleverage.core.Asset;
import org.deleverage.core.Dependence;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.Horizon;
import org.deleverage.io.ProblemJson;

/** Problems and comparisons shared by the tests. */
final class Fixtures {

  private Fixtures() {}

  /**
   * A problem that uses every field of the problem file: all four temporary impact models, a
   * factor model, a locked asset, a retained range, a lot size, the cash mode with a shortfall,
   * a deadline, a buffer and a schedule, and every weight of the objective.
   */
  static final String EVERY_FIELD = """
      {
        "account": { "cash": 100000.0 },
        "assets": [
          { "id": "LIN", "quantity": 1000, "price": 50.0, "volatility": 0.02, "adv": 100000,
            "halfSpread": 0.001, "fee": 0.0002, "feePerUnit": 0.01, "marginRate": 0.3,
            "impact": { "temporary": { "model": "linear", "eta": 1e-4 },
                        "permanent": { "gamma": 1e-5 } },
            "maxParticipation": 0.2, "locked": false, "retain": { "min": 100, "max": 900 },
            "reluctance": 0.5, "lotSize": 10 },
          { "id": "POW", "quantity": -500, "price": 20.0, "volatility": 0.03, "adv": 50000,
            "impact": { "temporary": { "model": "power", "coefficient": 0.1,
                                       "exponent": 0.6 } } },
          { "id": "BOOK", "quantity": 2000, "price": 10.0, "adv": 1000000,
            "impact": { "temporary": { "model": "book", "levels": [
              { "offset": 0.001, "size": 5000 }, { "offset": 0.003, "size": 20000 } ] } } },
          { "id": "LOCK", "quantity": 300, "price": 5.0, "adv": 1000, "locked": true },
          { "id": "OW", "quantity": 800, "price": 40.0, "volatility": 0.02, "adv": 200000,
            "impact": { "temporary": { "model": "transient", "kappa": 2e-4,
                                       "halfLife": 0.25 } } }
        ],
        "factors": { "loadings": [[1.0, 0.2], [0.5, 0.1], [0.3, 0.0], [0.0, 1.0], [0.8, 0.0]],
                     "covariance": [[0.0004, 0.0001], [0.0001, 0.0009]],
                     "specificVariance": [0.0001, 0.0002, 0.0001, 0.0003, 0.0002] },
        "horizon": { "periods": 3, "periodLength": 0.5 },
        "requirement": { "mode": "cash", "shortfall": 20000, "deadline": 2, "buffer": 100,
                         "schedule": [ { "period": 1, "fraction": 0.4 } ] },
        "objective": { "costWeight": 1.0, "riskAversion": 1e-6, "residualRiskAversion": 1e-7 }
      }
      """;

  /** Two assets with a price covariance in place of a correlation. */
  static final String COVARIANCE = """
      {
        "account": { "cash": -40000.0 },
        "assets": [
          { "id": "A", "quantity": 1000, "price": 100.0, "adv": 50000, "marginRate": 0.5,
            "impact": { "temporary": { "model": "linear", "eta": 1e-3 } } },
          { "id": "B", "quantity": 2000, "price": 40.0, "adv": 80000, "marginRate": 0.5,
            "impact": { "temporary": { "model": "linear", "eta": 5e-4 } } }
        ],
        "covariance": [[4.0, 1.0], [1.0, 1.0]],
        "horizon": { "periods": 2, "periodLength": 1.0 },
        "objective": { "riskAversion": 1e-6 }
      }
      """;

  static DeleveragingProblem everyField() {
    return ProblemJson.read(EVERY_FIELD);
  }

  static DeleveragingProblem covariance() {
    return ProblemJson.read(COVARIANCE);
  }

  /** The sample with a cash shortfall of 1e12, far beyond what its book can raise. */
  static DeleveragingProblem infeasible() {
    DeleveragingProblem sample = ProblemGenerator.sample();
    return sample.withRequirement(sample.requirement().withShortfall(1e12));
  }

  /**
   * The sample's ten assets {@code copies} times over (ids suffixed), independent returns, over
   * {@code periods} periods, with the cash scaled to match: a large problem for the time limit.
   */
  static DeleveragingProblem wide(int copies, int periods) {
    DeleveragingProblem sample = ProblemGenerator.sample();
    List<Asset> assets = new ArrayList<>();
    for (int c = 0; c < copies; c++) {
      for (Asset asset : sample.assets()) {
        assets.add(asset.withId(asset.id() + "-" + c));
      }
    }
    return sample
        .withDependence(Dependence.independent())
        .withAssets(assets)
        .withAccount(Account.of(sample.account().cash() * copies))
        .withHorizon(new Horizon(periods, 1.0));
  }

  /** A problem row with one field replaced, found by its path ({@code "assets[3]", "price"}). */
  static Row replace(Row row, Object value, String... path) {
    ObjectNode json = JsonRows.toJson(row, RowSchemas.PROBLEM, false);
    ObjectNode parent = json;
    for (int i = 0; i < path.length - 1; i++) {
      String step = path[i];
      int bracket = step.indexOf('[');
      JsonNode next = parent.get(bracket < 0 ? step : step.substring(0, bracket));
      if (bracket >= 0) {
        next = next.get(Integer.parseInt(step.substring(bracket + 1, step.length() - 1)));
      }
      parent = (ObjectNode) next;
    }
    String last = path[path.length - 1];
    if (value == null) {
      parent.putNull(last);
    } else if (value instanceof Double d) {
      parent.put(last, d);
    } else {
      parent.put(last, String.valueOf(value));
    }
    return JsonRows.toRow(json, RowSchemas.PROBLEM);
  }

  /** A plan row as JSON without the solve times, the one column allowed to differ. */
  static JsonNode comparable(Row plan) {
    ObjectNode json = JsonRows.toJson(plan, RowSchemas.PLAN, false);
    json.remove("solveMillis");
    if (json.has("plan")) {
      ((ObjectNode) json.get("plan")).remove("solveMillis");
    }
    return json;
  }

  /** Plan rows as comparable JSON, in key order. */
  static List<JsonNode> comparable(List<Row> plans) {
    List<Row> sorted = new ArrayList<>(plans);
    sorted.sort(Comparator.comparing((Row r) -> String.valueOf((Object) r.getAs("accountId")))
        .thenComparing(r -> String.valueOf((Object) r.getAs("scenario"))));
    List<JsonNode> nodes = new ArrayList<>();
    for (Row row : sorted) {
      nodes.add(comparable(row));
    }
    return nodes;
  }
}

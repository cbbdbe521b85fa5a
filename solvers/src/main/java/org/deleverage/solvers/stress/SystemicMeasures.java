package org.deleverage.solvers.stress;

import com.google.common.collect.ImmutableMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The published fire-sale measures of a cascade's accounts, computed from the accounts before
 * the shock, the shock and the market depth. Immutable.
 *
 * <p>Greenwood, Landier and Thesmar (2015, "Vulnerable banks", Journal of Financial Economics
 * 115(3), 471-485, section 2, the framework). Account n holds X_nk = Q_nk p_k of asset k (money,
 * negative for a short) at the prices before the shock; its size a_n = sum_k |X_nk|, its weights
 * m_nk = X_nk / a_n, its equity e_n and its leverage b_n = (a_n - e_n) / e_n (their debt over
 * equity). The shock is f_k = 1 - p_k' / p_k, the fraction of its value asset k loses (positive
 * for a fall); account n's return on assets is then -r_n with r_n = sum_k m_nk f_k. Every account
 * sells to return to its leverage: phi_n = b_n a_n r_n of value, in proportion to its weights.
 * Asset k's price falls by l_k per unit of value sold, with l_k = 1 / (p_k D_k) the first-order
 * move of the depth function (D_k in units; {@link DepthFunction}). With E = sum_n e_n, in the
 * paper's matrix form (A = diag(a), B = diag(b), L = diag(l), M the weights, F the shock, 1 a
 * vector of ones, delta_n the n-th unit vector):
 *
 * <pre>
 *   AV    = 1' A M L M' B A M F / E                     aggregate vulnerability
 *   S_n   = 1' A M L M' delta_n delta_n' B A M F / E    systemicness of n (sum_n S_n = AV)
 *   IV_n  = delta_n' A M L M' B A M F / e_n             indirect vulnerability of n
 * </pre>
 *
 * all fractions of equity lost in the round of sales that follows the shock. S_n is the loss n's
 * sales inflict on all accounts (n included), IV_n the loss all accounts' sales inflict on n. The
 * measures use every account's leverage as its target whatever rule it follows in the cascade:
 * they are the paper's diagnostics, not a record of what the cascade did. An account whose
 * equity before the shock is zero or below has no leverage: its figures (and AV) are NaN.
 *
 * <p>Cont and Schaanning (2019, "Monitoring indirect contagion", Journal of Banking and Finance
 * 104, 85-102) define the indirect contagion index of an account as the loss its distressed
 * liquidation would inflict on the others. Liquidating all of account i moves asset k by X_ik
 * l_k to first order, which costs account j X_jk X_ik l_k; summed over the other accounts and
 * the assets,
 *
 * <pre>
 *   ICI_i = sum_(j != i) sum_k X_ik X_jk l_k        (money)
 * </pre>
 *
 * the sum of i's liquidity-weighted portfolio overlaps with the others.
 *
 * @param aggregateVulnerability AV
 * @param leverage b_n by account
 * @param systemicness S_n by account
 * @param indirectVulnerability IV_n by account
 * @param indirectContagion ICI_i by account, money
 */
public record SystemicMeasures(
    double aggregateVulnerability,
    Map<String, Double> leverage,
    Map<String, Double> systemicness,
    Map<String, Double> indirectVulnerability,
    Map<String, Double> indirectContagion) {

  /**
   * Copies the maps.
   *
   * @param aggregateVulnerability AV
   * @param leverage b_n by account
   * @param systemicness S_n by account
   * @param indirectVulnerability IV_n by account
   * @param indirectContagion ICI_i by account, money
   */
  public SystemicMeasures {
    leverage = copy(leverage);
    systemicness = copy(systemicness);
    indirectVulnerability = copy(indirectVulnerability);
    indirectContagion = copy(indirectContagion);
  }

  /** Copies a map that may hold NaN values (ImmutableMap keeps them; order is kept). */
  private static Map<String, Double> copy(Map<String, Double> values) {
    return ImmutableMap.copyOf(values);
  }

  /**
   * The measures.
   *
   * @param names the accounts' names, in order
   * @param exposures X_nk, money, by account (in {@code names}' order) then asset id
   * @param equities e_n, in {@code names}' order
   * @param shock f_k by asset id (every asset of {@code exposures})
   * @param impact l_k by asset id: the relative price fall per unit of value sold
   * @return the measures
   */
  public static SystemicMeasures of(List<String> names, List<Map<String, Double>> exposures,
      List<Double> equities, Map<String, Double> shock, Map<String, Double> impact) {
    int count = names.size();
    double total = 0.0;
    double[] sizes = new double[count];
    double[] sales = new double[count];
    Map<String, Double> leverage = new LinkedHashMap<>();
    for (int n = 0; n < count; n++) {
      double size = 0.0;
      double lost = 0.0;
      for (Map.Entry<String, Double> x : exposures.get(n).entrySet()) {
        size += Math.abs(x.getValue());
        lost += x.getValue() * shock.get(x.getKey());
      }
      double equity = equities.get(n);
      total += equity;
      double b = equity > 0 ? (size - equity) / equity : Double.NaN;
      sizes[n] = size;
      // phi_n = b_n a_n r_n with r_n = lost / a_n: the value n sells to return to b_n.
      sales[n] = b * lost;
      leverage.put(names.get(n), b);
    }
    // Value of asset k sold by everyone, sum_n phi_n m_nk, and held by everyone, sum_n X_nk.
    Map<String, Double> sold = new LinkedHashMap<>();
    Map<String, Double> held = new LinkedHashMap<>();
    for (int n = 0; n < count; n++) {
      for (Map.Entry<String, Double> x : exposures.get(n).entrySet()) {
        double weight = sizes[n] > 0 ? x.getValue() / sizes[n] : 0.0;
        sold.merge(x.getKey(), sales[n] * weight, Double::sum);
        held.merge(x.getKey(), x.getValue(), Double::sum);
      }
    }
    Map<String, Double> systemic = new LinkedHashMap<>();
    Map<String, Double> vulnerability = new LinkedHashMap<>();
    Map<String, Double> contagion = new LinkedHashMap<>();
    double aggregate = 0.0;
    for (int n = 0; n < count; n++) {
      double inflicted = 0.0;
      double suffered = 0.0;
      double overlap = 0.0;
      for (Map.Entry<String, Double> x : exposures.get(n).entrySet()) {
        String id = x.getKey();
        double l = impact.get(id);
        double weight = sizes[n] > 0 ? x.getValue() / sizes[n] : 0.0;
        inflicted += held.get(id) * l * sales[n] * weight;
        suffered += x.getValue() * l * sold.get(id);
        overlap += x.getValue() * l * (held.get(id) - x.getValue());
      }
      double s = inflicted / total;
      aggregate += s;
      systemic.put(names.get(n), s);
      double equity = equities.get(n);
      vulnerability.put(names.get(n), equity > 0 ? suffered / equity : Double.NaN);
      contagion.put(names.get(n), overlap);
    }
    return new SystemicMeasures(aggregate, leverage, systemic, vulnerability, contagion);
  }
}

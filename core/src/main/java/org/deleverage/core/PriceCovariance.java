package org.deleverage.core;

/**
 * The daily price covariance Sigma of a resolved problem (MODEL.md section 1), in money^2 per
 * unit^2 per day, as the evaluator and the solvers use it: the products Sigma x and x' Sigma x,
 * and single entries. It is held in one of three forms:
 *
 * <ul>
 *   <li>diagonal: the n variances, from independent returns or a correlation or covariance
 *       matrix with no entry off its diagonal; Sigma x and x' Sigma x cost O(n), and no n x n
 *       array exists;
 *   <li>dense: the n x n matrix, from any other correlation or covariance;
 *   <li>factor: Sigma = G F G' + diag(s), with G_ik = p_i B_ik the loadings in money per unit
 *       (n x K), F the K x K factor covariance and s_i = p_i^2 D_i the specific variances, from a
 *       {@linkplain Dependence#factor factor model}. The n x n matrix is never formed: Sigma x =
 *       G (F (G' x)) + s x costs O(n K + K^2), and an entry O(K) from the stored product G F.
 *       The loops over G visit its nonzero loadings only, kept row after row in flat arrays when
 *       the form is built: an asset in one sector of a market-and-sectors model costs two
 *       factors, not K.
 * </ul>
 *
 * Immutable and thread-safe.
 */
public final class PriceCovariance {

  private final int size;
  private final double[] diagonal;
  private final double[][] dense;
  private final double[][] loadings;
  /**
   * The nonzero G_ik by rows (factor form only): row i's are entries rowStart[i] to rowStart[i +
   * 1] - 1 of loadingFactor (k, increasing) and loadingValue (G_ik).
   */
  private final int[] rowStart;
  private final int[] loadingFactor;
  private final double[] loadingValue;
  private final double[][] factorCovariance;
  private final double[][] loadingsTimesCovariance;
  private final double[] specific;

  private PriceCovariance(
      int size, double[] diagonal, double[][] dense, double[][] loadings,
      double[][] factorCovariance, double[] specific) {
    this.size = size;
    this.diagonal = diagonal;
    this.dense = dense;
    this.loadings = loadings;
    this.factorCovariance = factorCovariance;
    this.specific = specific;
    if (loadings == null) {
      this.loadingsTimesCovariance = null;
      this.rowStart = null;
      this.loadingFactor = null;
      this.loadingValue = null;
    } else {
      int factors = factorCovariance.length;
      rowStart = new int[size + 1];
      for (int i = 0; i < size; i++) {
        int nonzero = 0;
        for (int k = 0; k < factors; k++) {
          nonzero += loadings[i][k] != 0.0 ? 1 : 0;
        }
        rowStart[i + 1] = rowStart[i] + nonzero;
      }
      loadingFactor = new int[rowStart[size]];
      loadingValue = new double[rowStart[size]];
      for (int i = 0; i < size; i++) {
        int q = rowStart[i];
        for (int k = 0; k < factors; k++) {
          if (loadings[i][k] != 0.0) {
            loadingFactor[q] = k;
            loadingValue[q++] = loadings[i][k];
          }
        }
      }
      loadingsTimesCovariance = new double[size][factors];
      for (int i = 0; i < size; i++) {
        for (int k = 0; k < factors; k++) {
          double sum = 0.0;
          for (int q = rowStart[i]; q < rowStart[i + 1]; q++) {
            sum += loadingValue[q] * factorCovariance[loadingFactor[q]][k];
          }
          loadingsTimesCovariance[i][k] = sum;
        }
      }
    }
  }

  /**
   * The daily price covariance Sigma for assets of the given volatilities and prices: the
   * covariance itself, C_ij * sigma_i * p_i * sigma_j * p_j, or for a factor model the loadings
   * in money, p_i B_ik, with F and the specific variances p_i^2 D_i, never formed densely; for
   * independent returns, or a matrix with nothing off its diagonal, the n variances alone.
   */
  static PriceCovariance of(Dependence dependence, double[] volatilities, double[] prices) {
    int n = prices.length;
    if (dependence instanceof Dependence.Factor factor) {
      double[][] priceLoadings = factor.loadings();
      double[] specific = factor.specificVariance();
      for (int i = 0; i < n; i++) {
        for (int k = 0; k < priceLoadings[i].length; k++) {
          priceLoadings[i][k] *= prices[i];
        }
        specific[i] *= prices[i] * prices[i];
      }
      return factor(priceLoadings, factor.factorCovariance(), specific);
    }
    if (dependence instanceof Dependence.Independent) {
      double[] variances = new double[n];
      for (int i = 0; i < n; i++) {
        double scale = volatilities[i] * prices[i];
        variances[i] = scale * scale;
      }
      return diagonal(variances);
    }
    boolean ofReturns = dependence instanceof Dependence.Correlation;
    double[][] sigma = ofReturns
        ? ((Dependence.Correlation) dependence).matrix()
        : ((Dependence.Covariance) dependence).matrix();
    if (offDiagonalZero(sigma)) {
      // Independent prices: n variances, never an n x n array.
      double[] variances = new double[n];
      for (int i = 0; i < n; i++) {
        double scale = ofReturns ? volatilities[i] * prices[i] : 1.0;
        variances[i] = sigma[i][i] * scale * scale;
      }
      return diagonal(variances);
    }
    if (ofReturns) {
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          sigma[i][j] *= volatilities[i] * prices[i] * volatilities[j] * prices[j];
        }
      }
    }
    return dense(sigma);
  }

  private static boolean offDiagonalZero(double[][] matrix) {
    for (int i = 0; i < matrix.length; i++) {
      for (int j = 0; j < matrix.length; j++) {
        if (i != j && matrix[i][j] != 0.0) {
          return false;
        }
      }
    }
    return true;
  }

  /** The diagonal form; the variances are taken, not copied. */
  static PriceCovariance diagonal(double[] variances) {
    return new PriceCovariance(variances.length, variances, null, null, null, null);
  }

  /** The dense form; the matrix is taken, not copied. */
  static PriceCovariance dense(double[][] sigma) {
    return new PriceCovariance(sigma.length, null, sigma, null, null, null);
  }

  /** The factor form G F G' + diag(s); the arrays are taken, not copied. */
  static PriceCovariance factor(double[][] loadings, double[][] factorCovariance, double[] specific) {
    return new PriceCovariance(loadings.length, null, null, loadings, factorCovariance, specific);
  }

  /**
   * Whether this is the diagonal form: no two assets' prices covary.
   *
   * @return whether this is the diagonal form
   */
  public boolean isDiagonal() {
    return diagonal != null;
  }

  /**
   * n, the number of assets.
   *
   * @return n, the number of assets
   */
  public int size() {
    return size;
  }

  /**
   * Whether this is the factor form G F G' + diag(s).
   *
   * @return whether this is the factor form G F G' + diag(s)
   */
  public boolean isFactorModel() {
    return loadings != null;
  }

  /**
   * K, the number of factors; 0 for the dense form.
   *
   * @return K, the number of factors; 0 for the dense form
   */
  public int factorCount() {
    return loadings == null ? 0 : factorCovariance.length;
  }

  /**
   * G_ik = p_i B_ik, the loading of asset {@code i} on factor {@code k} in money per unit.
   *
   * @param i the asset's index in the problem
   * @param k the factor's index
   * @return B_ik
   * @throws IllegalStateException for the dense form
   */
  public double loading(int i, int k) {
    return factorForm(loadings)[i][k];
  }

  /**
   * F_kl, the daily covariance of factor returns {@code k} and {@code l}.
   *
   * @param k the first factor's index
   * @param l the second factor's index
   * @return F_kl
   * @throws IllegalStateException for the dense form
   */
  public double factorCovariance(int k, int l) {
    return factorForm(factorCovariance)[k][l];
  }

  /**
   * s_i = p_i^2 D_i, the specific price variance of asset {@code i}, money^2 per unit^2 per day.
   *
   * @param i the asset's index in the problem
   * @return D_i
   * @throws IllegalStateException for the dense form
   */
  public double specificVariance(int i) {
    return factorForm(specific)[i];
  }

  /**
   * Sigma_ij; O(K) for the factor form.
   *
   * @param i the asset's index in the problem
   * @param j the other asset's index
   * @return Sigma_ij, money^2 per unit^2 per day
   */
  public double entry(int i, int j) {
    if (diagonal != null) {
      return i == j ? diagonal[i] : 0.0;
    }
    if (dense != null) {
      return dense[i][j];
    }
    double sum = i == j ? specific[i] : 0.0;
    double[] row = loadingsTimesCovariance[i];
    for (int q = rowStart[j]; q < rowStart[j + 1]; q++) {
      sum += row[loadingFactor[q]] * loadingValue[q];
    }
    return sum;
  }

  /**
   * Sigma x, for x of length n; O(n) for the diagonal form, O(n K + K^2) for the factor form,
   * O(n^2) for the dense.
   *
   * @param x the signed positions in units
   * @return Sigma x, a new array
   */
  public double[] times(double[] x) {
    double[] product = new double[size];
    if (diagonal != null) {
      for (int i = 0; i < size; i++) {
        product[i] = diagonal[i] * x[i];
      }
      return product;
    }
    if (dense != null) {
      for (int i = 0; i < size; i++) {
        double sum = 0.0;
        double[] row = dense[i];
        for (int j = 0; j < size; j++) {
          sum += row[j] * x[j];
        }
        product[i] = sum;
      }
      return product;
    }
    double[] exposure = factorExposure(x);
    int factors = exposure.length;
    double[] weighted = new double[factors];
    for (int k = 0; k < factors; k++) {
      double sum = 0.0;
      for (int l = 0; l < factors; l++) {
        sum += factorCovariance[k][l] * exposure[l];
      }
      weighted[k] = sum;
    }
    for (int i = 0; i < size; i++) {
      double sum = specific[i] * x[i];
      for (int q = rowStart[i]; q < rowStart[i + 1]; q++) {
        sum += loadingValue[q] * weighted[loadingFactor[q]];
      }
      product[i] = sum;
    }
    return product;
  }

  /**
   * x' Sigma x; for the factor form e' F e + sum_i s_i x_i^2 with e = G' x, O(n K + K^2).
   *
   * @param x the signed positions in units
   * @return x' Sigma x, money^2 per day
   */
  public double quadraticForm(double[] x) {
    if (diagonal != null) {
      double sum = 0.0;
      for (int i = 0; i < size; i++) {
        sum += diagonal[i] * x[i] * x[i];
      }
      return sum;
    }
    if (dense != null) {
      double[] product = times(x);
      double sum = 0.0;
      for (int i = 0; i < size; i++) {
        sum += x[i] * product[i];
      }
      return sum;
    }
    double[] exposure = factorExposure(x);
    double sum = 0.0;
    for (int k = 0; k < exposure.length; k++) {
      double row = 0.0;
      for (int l = 0; l < exposure.length; l++) {
        row += factorCovariance[k][l] * exposure[l];
      }
      sum += exposure[k] * row;
    }
    for (int i = 0; i < size; i++) {
      sum += specific[i] * x[i] * x[i];
    }
    return sum;
  }

  /** e = G' x, the exposure of the positions x to each factor, money per unit of return. */
  private double[] factorExposure(double[] x) {
    double[] exposure = new double[factorCovariance.length];
    for (int i = 0; i < size; i++) {
      if (x[i] != 0.0) {
        for (int q = rowStart[i]; q < rowStart[i + 1]; q++) {
          exposure[loadingFactor[q]] += loadingValue[q] * x[i];
        }
      }
    }
    return exposure;
  }

  private <T> T factorForm(T part) {
    if (part == null) {
      throw new IllegalStateException("the covariance is not a factor model");
    }
    return part;
  }
}

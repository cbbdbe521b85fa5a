package org.deleverage.solvers.exchange;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntConsumer;
import org.deleverage.models.MarginSchedule;
import org.deleverage.models.TradingConditions;
import org.deleverage.solvers.adl.AdlEngine;
import org.deleverage.solvers.adl.AdlProblem;
import org.deleverage.solvers.adl.AdlResult;
import org.deleverage.solvers.adl.BankruptPosition;
import org.deleverage.solvers.adl.OpposingPosition;

/**
 * The exchange over a path of marks. At each step, for every margin unit (an account's cross
 * positions together, or one isolated position) whose equity C + sum of d q (m - e) is below its
 * maintenance margin sum of (q m r_k - cum_k):
 *
 * <ol>
 *   <li>the policy's order: the whole unit; or, while the unit's equity is positive and no
 *       cooldown runs, part of each position (OKX: down {@code tierSteps} tiers, to the floor of
 *       the bracket {@code tierSteps} - 1 below its own, whole when below tier {@code tierSteps} +
 *       1; Hyperliquid: {@code chunkFraction} of each position whose notional exceeds the
 *       threshold, the others whole);
 *   <li>execution through the book: all the step's orders that close longs in a contract are
 *       sold together, those closing shorts bought together, through the contract's {@link
 *       org.deleverage.models.OrderBookTemporaryImpact} (beyond its depth the last level's slope
 *       continues), each order filled at the average price p = m (1 - d h(X)) of the joint walk
 *       of X contracts, so that no order is favoured by its place in the input;
 *   <li>a partial order realises d x (p - e) into the unit's collateral;
 *   <li>a whole order closes each position at its bankruptcy price b = m - d E w / q (E the
 *       unit's equity at the marks, w the position's share of the unit's maintenance margin; the
 *       unit ends at equity zero when every position closes at its b). Per contract the loss is l
 *       = d (b - p): when l &lt;= 0 the book takes the position and the surplus -l q goes to the
 *       fund (or stays with the trader, {@code surplusToFund} false); when l > 0 the fund pays for
 *       min(q, F' / l) contracts (F' the fund above the policy's drawdown floor) and the rest is
 *       auto-deleveraged against the opposing positions of accounts not liquidated in the step
 *       ({@link AdlEngine#deleverage}, with the policy's rule and options, the overlap check
 *       included), or, for a socialised-loss policy, closed in the book with the loss shared
 *       among the accounts in profit, pro rata to their unrealised profit; what neither can take
 *       is closed in the book and its loss reported as uncovered.
 * </ol>
 *
 * Units are processed by account id, so the result does not depend on the order of the input.
 * The fund never goes below zero. Stateless and thread-safe.
 */
public final class ExchangeSimulation {

  private static final double TOLERANCE = 1e-9;

  private ExchangeSimulation() {}

  /**
   * Runs the path.
   *
   * @param problem the contracts, accounts, fund and path
   * @param policy the venue's rules
   * @return the step reports and the final accounts
   */
  public static ExchangeResult run(ExchangeProblem problem, VenuePolicy policy) {
    return run(problem, policy, done -> { });
  }

  /**
   * Runs the path, telling {@code progress} the number of steps done after each step.
   *
   * @param problem the contracts, accounts, fund and path
   * @param policy the venue's rules
   * @param progress told the steps done so far, after each step
   * @return the step reports and the final accounts
   */
  public static ExchangeResult run(ExchangeProblem problem, VenuePolicy policy,
      IntConsumer progress) {
    return new Run(problem, policy).run(progress);
  }

  /** A unit: the cross positions of an account (contract null) or one isolated position. */
  private record Unit(String account, String isolated) {}

  /** A liquidation order of one position. */
  private record Order(Unit unit, String contract, double quantity, boolean partial) {}

  private static final class State {
    double wallet;
    final TreeMap<String, Position> positions = new TreeMap<>();
  }

  private static final class Run {
    private final ExchangeProblem problem;
    private final VenuePolicy policy;
    private final Map<String, Contract> contracts = new HashMap<>();
    private final TreeMap<String, State> accounts = new TreeMap<>();
    private final Map<String, Integer> lastPartial = new HashMap<>();
    private final Deque<Double> fundHistory = new ArrayDeque<>();
    private double fund;

    Run(ExchangeProblem problem, VenuePolicy policy) {
      this.problem = problem;
      this.policy = policy;
      for (Contract contract : problem.contracts()) {
        contracts.put(contract.id(), contract);
      }
      for (TraderAccount account : problem.accounts()) {
        State state = new State();
        state.wallet = account.wallet();
        for (Position position : account.positions()) {
          state.positions.put(position.contract(), position);
        }
        accounts.put(account.id(), state);
      }
      fund = problem.insuranceFund();
    }

    ExchangeResult run(IntConsumer progress) {
      List<ExchangeResult.Step> steps = new ArrayList<>();
      for (int t = 0; t < problem.path().size(); t++) {
        steps.add(step(t, problem.path().get(t)));
        progress.accept(t + 1);
      }
      List<TraderAccount> finals = new ArrayList<>();
      for (Map.Entry<String, State> entry : accounts.entrySet()) {
        finals.add(new TraderAccount(entry.getKey(), entry.getValue().wallet,
            new ArrayList<>(entry.getValue().positions.values())));
      }
      return new ExchangeResult(policy.name(), problem.insuranceFund(), steps, finals);
    }

    private ExchangeResult.Step step(int t, Map<String, Double> marks) {
      fundHistory.addLast(fund);
      while (fundHistory.size() > policy.drawdownWindow()) {
        fundHistory.removeFirst();
      }
      double high = fundHistory.stream().mapToDouble(Double::doubleValue).max().orElse(fund);
      double floor = (1 - policy.drawdownLimit()) * high;
      double fundBefore = fund;
      List<Order> orders = new ArrayList<>();
      Set<String> liquidated = new HashSet<>();
      for (Map.Entry<String, State> entry : accounts.entrySet()) {
        for (Unit unit : units(entry.getKey(), entry.getValue())) {
          List<Position> held = positions(unit);
          double equity = equity(unit, marks);
          double maintenance = 0.0;
          for (Position position : held) {
            maintenance += maintenance(position, marks);
          }
          if (held.isEmpty() || equity >= maintenance) {
            continue;
          }
          liquidated.add(unit.account());
          Integer last = lastPartial.get(unit.account());
          boolean cooling = last != null && t - last <= policy.cooldownSteps();
          boolean partial = policy.style() != VenuePolicy.Style.WHOLE && equity > 0 && !cooling;
          for (Position position : held) {
            double quantity = partial ? partialQuantity(position, marks) : position.size();
            orders.add(new Order(unit, position.contract(), quantity,
                quantity < position.size() - TOLERANCE * position.size()));
          }
        }
      }
      Map<String, Double> fills = fillPrices(orders, marks);
      List<ExchangeResult.Liquidation> liquidations = new ArrayList<>();
      List<ExchangeResult.AdlFill> fillsAdl = new ArrayList<>();
      double received = 0.0;
      double paid = 0.0;
      double socialised = 0.0;
      double uncovered = 0.0;
      Map<Unit, List<Order>> byUnit = new java.util.LinkedHashMap<>();
      for (Order order : orders) {
        byUnit.computeIfAbsent(order.unit(), u -> new ArrayList<>()).add(order);
      }
      for (Map.Entry<Unit, List<Order>> entry : byUnit.entrySet()) {
        Unit unit = entry.getKey();
        boolean partial = entry.getValue().stream().anyMatch(Order::partial);
        if (partial) {
          lastPartial.put(unit.account(), t);
          for (Order order : entry.getValue()) {
            Position position = accounts.get(unit.account()).positions.get(order.contract());
            double price = fills.get(key(order.contract(), position));
            addCollateral(unit, position.side().sign() * order.quantity()
                * (price - position.entryPrice()));
            reduce(unit.account(), order.contract(), order.quantity());
            liquidations.add(new ExchangeResult.Liquidation(unit.account(), order.contract(),
                position.side(), order.quantity(), order.partial(), price, Double.NaN,
                order.quantity(), 0.0, 0.0, 0.0));
          }
          double left = equity(unit, marks);
          if (positions(unit).isEmpty() && left < 0) {
            // A unit closed out below zero: its deficit is bad debt like any other.
            double cover = Math.min(Math.max(0.0, fund - floor), -left);
            fund -= cover;
            paid += cover;
            uncovered += -left - cover;
            setCollateral(unit, 0.0);
          }
          continue;
        }
        double equity = equity(unit, marks);
        List<Position> held = positions(unit);
        double totalMaintenance = 0.0;
        for (Position position : held) {
          totalMaintenance += maintenance(position, marks);
        }
        double kept = 0.0;
        for (Position position : held) {
          double mark = marks.get(position.contract());
          double share = totalMaintenance > 0 ? maintenance(position, marks) / totalMaintenance
              : 1.0 / held.size();
          double bankruptcy = mark - position.side().sign() * equity * share / position.size();
          double price = fills.get(key(position.contract(), position));
          double size = position.size();
          double loss = position.side().sign() * (bankruptcy - price);
          double orderReceived = 0.0;
          double orderPaid = 0.0;
          double adlClosed = 0.0;
          if (loss <= 0) {
            if (policy.surplusToFund()) {
              orderReceived = -loss * size;
            } else {
              kept += -loss * size;
            }
          } else {
            double usable = Math.max(0.0, fund - floor);
            double covered = Math.min(size, usable / loss);
            orderPaid = Math.min(usable, covered * loss);
            double rest = size - covered;
            if (rest > TOLERANCE * size) {
              if (policy.shortfall() == VenuePolicy.Shortfall.ADL && bankruptcy > 0) {
                AdlResult adl = deleverage(unit.account(), position, bankruptcy, mark, rest,
                    liquidated, marks);
                for (AdlResult.Allocation allocation : adl.allocations()) {
                  applyCounterparty(allocation, position.contract());
                  fillsAdl.add(new ExchangeResult.AdlFill(unit.account(), position.contract(),
                      allocation.account(), allocation.closed(), allocation.price(),
                      allocation.realisedPnl()));
                  adlClosed += allocation.closed();
                }
                uncovered += adl.uncoveredDeficit() + adl.unclosed() * loss;
              } else if (policy.shortfall() == VenuePolicy.Shortfall.SOCIALISED_LOSS) {
                double deficit = rest * loss;
                double shared = socialise(deficit, liquidated, marks);
                socialised += shared;
                uncovered += deficit - shared;
              } else {
                uncovered += rest * loss;
              }
            }
          }
          fund += orderReceived - orderPaid;
          received += orderReceived;
          paid += orderPaid;
          reduce(unit.account(), position.contract(), size);
          liquidations.add(new ExchangeResult.Liquidation(unit.account(), position.contract(),
              position.side(), size, false, price, bankruptcy, size - adlClosed, adlClosed,
              orderReceived, orderPaid));
        }
        setCollateral(unit, kept);
      }
      fund = Math.max(0.0, fund);
      if (!fundHistory.isEmpty()) {
        fundHistory.removeLast();
        fundHistory.addLast(Math.max(fundBefore, fund));
      }
      return new ExchangeResult.Step(t, marks, liquidations, fillsAdl, fundBefore, received,
          paid, fund, socialised, uncovered);
    }

    private List<Unit> units(String id, State state) {
      List<Unit> units = new ArrayList<>();
      boolean cross = false;
      for (Position position : state.positions.values()) {
        if (position.size() <= 0) {
          continue;
        }
        if (position.mode() == MarginMode.CROSS) {
          cross = true;
        } else {
          units.add(new Unit(id, position.contract()));
        }
      }
      if (cross) {
        units.add(0, new Unit(id, null));
      }
      return units;
    }

    private List<Position> positions(Unit unit) {
      List<Position> held = new ArrayList<>();
      for (Position position : accounts.get(unit.account()).positions.values()) {
        if (position.size() <= 0) {
          continue;
        }
        boolean member = unit.isolated() == null
            ? position.mode() == MarginMode.CROSS
            : position.contract().equals(unit.isolated());
        if (member) {
          held.add(position);
        }
      }
      return held;
    }

    private double collateral(Unit unit) {
      State state = accounts.get(unit.account());
      return unit.isolated() == null
          ? state.wallet : state.positions.get(unit.isolated()).isolatedMargin();
    }

    private void setCollateral(Unit unit, double value) {
      State state = accounts.get(unit.account());
      if (unit.isolated() == null) {
        state.wallet = value;
      } else {
        // A closed isolated position returns what it kept to the wallet.
        Position position = state.positions.get(unit.isolated());
        if (position.size() <= 0) {
          state.wallet += value;
          state.positions.put(unit.isolated(), position.with(0.0, 0.0));
        } else {
          state.positions.put(unit.isolated(), position.with(position.size(), value));
        }
      }
    }

    private void addCollateral(Unit unit, double amount) {
      setCollateralRaw(unit, collateral(unit) + amount);
    }

    private void setCollateralRaw(Unit unit, double value) {
      State state = accounts.get(unit.account());
      if (unit.isolated() == null) {
        state.wallet = value;
      } else {
        Position position = state.positions.get(unit.isolated());
        state.positions.put(unit.isolated(), position.with(position.size(), value));
      }
    }

    private double equity(Unit unit, Map<String, Double> marks) {
      double equity = collateral(unit);
      for (Position position : positions(unit)) {
        equity += position.pnl(marks.get(position.contract()));
      }
      return equity;
    }

    private double maintenance(Position position, Map<String, Double> marks) {
      return contracts.get(position.contract()).schedule()
          .maintenanceMargin(position.size() * marks.get(position.contract()));
    }

    private double partialQuantity(Position position, Map<String, Double> marks) {
      double mark = marks.get(position.contract());
      double notional = position.size() * mark;
      MarginSchedule schedule = contracts.get(position.contract()).schedule();
      if (policy.style() == VenuePolicy.Style.CHUNKED) {
        return notional > policy.chunkThreshold()
            ? policy.chunkFraction() * position.size() : position.size();
      }
      int tier = schedule.index(notional);
      if (tier < policy.tierSteps()) {
        return position.size();
      }
      double target = schedule.brackets().get(tier - policy.tierSteps() + 1).floor() / mark;
      return Math.max(0.0, Math.min(position.size(), position.size() - target));
    }

    private static String key(String contract, Position position) {
      return contract + "/" + position.side();
    }

    private Map<String, Double> fillPrices(List<Order> orders, Map<String, Double> marks) {
      Map<String, Double> volume = new TreeMap<>();
      Map<String, Position> sides = new HashMap<>();
      for (Order order : orders) {
        Position position = accounts.get(order.unit().account()).positions.get(order.contract());
        String key = key(order.contract(), position);
        volume.merge(key, order.quantity(), Double::sum);
        sides.put(key, position);
      }
      Map<String, Double> prices = new HashMap<>();
      for (Map.Entry<String, Double> entry : volume.entrySet()) {
        Position position = sides.get(entry.getKey());
        double mark = marks.get(position.contract());
        double units = entry.getValue();
        double offset = units > 0
            ? contracts.get(position.contract()).book()
                .cost(units, new TradingConditions(1.0, 0.0, 1.0, 1.0)) / units
            : 0.0;
        prices.put(entry.getKey(), Math.max(0.0, mark * (1 - position.side().sign() * offset)));
      }
      return prices;
    }

    private void reduce(String account, String contract, double quantity) {
      State state = accounts.get(account);
      Position position = state.positions.get(contract);
      double size = position.size() - quantity;
      if (size <= TOLERANCE * Math.max(1.0, position.size())) {
        size = 0.0;
      }
      double margin = position.mode() == MarginMode.ISOLATED ? position.isolatedMargin() : 0.0;
      state.positions.put(contract, position.with(size, margin));
    }

    private AdlResult deleverage(String bankruptAccount, Position position, double bankruptcy,
        double mark, double contractsLeft, Set<String> liquidated, Map<String, Double> marks) {
      List<OpposingPosition> opposing = new ArrayList<>();
      for (Map.Entry<String, State> entry : accounts.entrySet()) {
        if (entry.getKey().equals(bankruptAccount) || liquidated.contains(entry.getKey())) {
          continue;
        }
        Position other = entry.getValue().positions.get(position.contract());
        if (other == null || other.size() <= 0 || other.side() == position.side()) {
          continue;
        }
        double margin;
        if (other.mode() == MarginMode.ISOLATED) {
          margin = other.isolatedMargin();
        } else {
          margin = entry.getValue().wallet;
          for (Position sibling : entry.getValue().positions.values()) {
            if (sibling.mode() == MarginMode.CROSS && sibling.size() > 0
                && !sibling.contract().equals(position.contract())) {
              margin += sibling.pnl(marks.get(sibling.contract()));
            }
          }
        }
        opposing.add(new OpposingPosition(entry.getKey(), other.side(), other.size(),
            other.entryPrice(), Math.max(0.0, margin)));
      }
      AdlProblem adl = new AdlProblem(
          new BankruptPosition(position.side(), position.size(), bankruptcy), mark, 0.0,
          OptionalDouble.empty(), opposing,
          Optional.of(contracts.get(position.contract()).schedule()));
      return AdlEngine.DEFAULT.deleverage(adl, policy.adlRule(), policy.adlOptions(),
          Math.min(contractsLeft, position.size()));
    }

    private void applyCounterparty(AdlResult.Allocation allocation, String contract) {
      State state = accounts.get(allocation.account());
      Position position = state.positions.get(contract);
      double size = Math.max(0.0, position.size() - allocation.closed());
      if (size <= TOLERANCE * position.size()) {
        size = 0.0;
      }
      if (position.mode() == MarginMode.ISOLATED) {
        double margin = position.isolatedMargin() + allocation.realisedPnl();
        if (size == 0.0) {
          state.wallet += margin;
          margin = 0.0;
        }
        state.positions.put(contract, position.with(size, margin));
      } else {
        state.wallet += allocation.realisedPnl();
        state.positions.put(contract, position.with(size, 0.0));
      }
    }

    private double socialise(double deficit, Set<String> liquidated, Map<String, Double> marks) {
      Map<String, Double> profits = new TreeMap<>();
      double total = 0.0;
      for (Map.Entry<String, State> entry : accounts.entrySet()) {
        if (liquidated.contains(entry.getKey())) {
          continue;
        }
        double profit = 0.0;
        for (Position position : entry.getValue().positions.values()) {
          profit += Math.max(0.0, position.pnl(marks.get(position.contract())));
        }
        if (profit > 0) {
          profits.put(entry.getKey(), profit);
          total += profit;
        }
      }
      if (total <= 0) {
        return 0.0;
      }
      double shared = Math.min(deficit, total);
      for (Map.Entry<String, Double> entry : profits.entrySet()) {
        accounts.get(entry.getKey()).wallet -= shared * entry.getValue() / total;
      }
      return shared;
    }
  }
}

// A risk script in JShell: build a margin call in a few lines, plan it, print the plan.
// From the repository root, after `mvn -q package -DskipTests`:
//   jshell --class-path examples/target/deleverage.jar examples/scripts/plan.jsh
import org.deleverage.core.Asset;
import org.deleverage.core.DeleveragingProblem;
import org.deleverage.core.Horizon;
import org.deleverage.core.Requirement;
import org.deleverage.core.plan.Plan;
import org.deleverage.solvers.Solvers;

// JShell ends a statement at the end of a line where it could end: chains break after a dot.
DeleveragingProblem problem = DeleveragingProblem.builder().
    cash(-11_000_000).
    asset(Asset.builder("ACME").quantity(200_000).price(50).volatility(0.02).adv(4_000_000).
        halfSpread(0.0005).marginRate(0.25).eta(2.5e-6).gamma(2.5e-7).maxParticipation(0.1).
        build()).
    asset(Asset.builder("BETA").quantity(100_000).price(50).volatility(0.03).adv(500_000).
        halfSpread(0.001).marginRate(0.5).eta(2e-5).gamma(1e-6).maxParticipation(0.1).build()).
    horizon(Horizon.of(5, 1.0)).
    requirement(Requirement.margin().withDeadline(3)).
    build();

Plan plan = Solvers.optimal().plan(problem);

System.out.printf("status %s, shortfall %.2f, expected loss %.2f%n",
    plan.status().label(), plan.shortfall(), plan.expectedLoss());
plan.trades().forEach(t -> System.out.printf("period %d %-4s %-4s %12.2f at %.4f%n",
    t.period(), t.side(), t.asset(), t.quantity(), t.expectedPrice()));
/exit

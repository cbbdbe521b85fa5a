#!/usr/bin/env bash
# Calls the command line from a script with JSON on standard input and standard output: the
# problem is piped in (PROBLEM is -), the plan comes back as JSON (--out -), and the script
# reads a figure from it. From the repository root, after `mvn -q package -DskipTests`:
#   bash examples/scripts/plan-from-stdin.sh
set -euo pipefail
jar="${DELEVERAGE_JAR:-examples/target/deleverage.jar}"
problem='{
  "account": { "cash": -760000.0 },
  "assets": [ { "id": "ACME", "quantity": 20000, "price": 50.0, "volatility": 0.02,
                "adv": 400000, "halfSpread": 0.0005, "marginRate": 0.25,
                "impact": { "temporary": { "model": "linear", "eta": 2.5e-5 },
                            "permanent": { "gamma": 2.5e-7 } },
                "maxParticipation": 0.1 } ],
  "horizon": { "periods": 5, "periodLength": 1.0 }
}'
plan=$(printf '%s' "$problem" | java -jar "$jar" plan - --format json --out -)
# The plan file is indented JSON with one field per line: take the expected loss.
loss=$(printf '%s\n' "$plan" | grep -m1 '"expectedLoss"' | sed 's/.*: *\([-0-9.eE+]*\).*/\1/')
status=$(printf '%s\n' "$plan" | grep -m1 '"status"' | sed 's/.*: *"\([a-z]*\)".*/\1/')
echo "status $status, expected loss $loss"

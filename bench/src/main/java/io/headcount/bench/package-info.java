/**
 * The benchmark runner: the {@link io.headcount.bench.Scenario} contract, the context
 * scenarios run in, the scenario registry, and the report written to
 * {@code docs/benchmarks.md} and {@code .json}.
 */
package io.headcount.bench;

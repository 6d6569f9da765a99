package io.headcount.statsbatch.counters;

/**
 * One counter's day: {@code changes} applied changes moving it by {@code net}, and its
 * value after the last archived change.
 */
public record CounterTotal(String objectId, String counter, long changes, long net, long lastValue) {

}

/**
 * Starts real servers on 127.0.0.1 without Docker (a Redis Cluster from
 * {@code redis-server}, a KRaft Kafka broker from the Maven Central jars, InfluxDB 1.x
 * from {@code influxd}) for the run command and for tests; the entry points are
 * {@link io.headcount.devstack.DevStack}, {@link io.headcount.devstack.WithDevStack} and
 * {@link io.headcount.devstack.DevStackMain}.
 */
package io.headcount.devstack;

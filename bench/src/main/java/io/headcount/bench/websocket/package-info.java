/**
 * What the WebSocket benchmarks share: client processes that hold many idle connections,
 * and the service's heap read with jcmd (heap per idle connection).
 */
@NullMarked
package io.headcount.bench.websocket;

import org.jspecify.annotations.NullMarked;

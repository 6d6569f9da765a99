/**
 * What the tests, the bench and the run script share, once: the token minter, the JSON
 * WebSocket test client, the raw HTTP client for hostile input and the launcher of
 * service processes.
 */
@NullMarked
package io.headcount.testsupport;

import org.jspecify.annotations.NullMarked;

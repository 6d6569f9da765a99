/**
 * What the tests, the bench and the run script share, once: the token minter, the JSON
 * WebSocket test client and the launcher of service processes.
 */
@NullMarked
package io.headcount.testsupport;

import org.jspecify.annotations.NullMarked;

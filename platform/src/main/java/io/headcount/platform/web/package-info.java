/**
 * HTTP errors as RFC 9457 problem details (the exceptions services throw and the one
 * advice that maps them), and the per-user rate limit on write requests.
 */
@NullMarked
package io.headcount.platform.web;

import org.jspecify.annotations.NullMarked;

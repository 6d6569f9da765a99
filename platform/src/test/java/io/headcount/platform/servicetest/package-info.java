/**
 * Tests every service inherits: health, OpenAPI coverage and metrics against the real
 * servers.
 */
package io.headcount.platform.servicetest;

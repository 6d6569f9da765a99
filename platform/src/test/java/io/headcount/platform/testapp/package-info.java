/** A tiny application on the platform, for the platform's own Spring tests. */
package io.headcount.platform.testapp;

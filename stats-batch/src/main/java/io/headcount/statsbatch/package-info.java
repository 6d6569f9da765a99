/** The slow path: event archive and nightly audit reports. */
package io.headcount.statsbatch;

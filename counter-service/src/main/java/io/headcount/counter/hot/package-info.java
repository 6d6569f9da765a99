/** Hot objects: per-instance detection, the write coalescer that batches one object's changes, the near cache. */
package io.headcount.counter.hot;

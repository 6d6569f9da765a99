/** Likes as state: a user likes an object or not; the count moves only when the state does. */
package io.headcount.counter.likes;

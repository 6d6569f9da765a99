package io.headcount.counter.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class BucketStatsTests {

	@Test
	void bucketsReadInMillionthsAddUpExactly() {
		// as read-buckets.lua answers them: count, sum, min, max in millionths
		String reply = "2 300000 100000 200000,,1 -1500000 -1500000 -1500000";
		BucketStats a = BucketStats.parse(reply, 0, 22);
		BucketStats empty = BucketStats.parse(reply, 23, 23);
		BucketStats b = BucketStats.parse(reply, 24, reply.length());
		assertThat(a.sum()).isEqualByComparingTo("0.3");
		assertThat(a.sumText()).isEqualTo("0.3");
		assertThat(empty.count()).isZero();
		BucketStats both = a.plus(empty).plus(b).plus(BucketStats.EMPTY);
		assertThat(both.count()).isEqualTo(3);
		assertThat(both.sum()).isEqualByComparingTo("-1.2");
		assertThat(both.min()).isEqualByComparingTo("-1.5");
		assertThat(both.max()).isEqualByComparingTo("0.2");
		assertThat(both.avg()).isEqualByComparingTo("-0.4");
		assertThat(both.sumText()).isEqualTo("-1.2");
		assertThat(both.minText()).isEqualTo("-1.5");
	}

	@Test
	void anEmptyBucketHasNoAverageNorExtremes() {
		BucketStats empty = BucketStats.parse("", 0, 0);
		assertThat(empty.count()).isZero();
		assertThat(empty.sum()).isEqualByComparingTo("0");
		assertThat(empty.sumText()).isEqualTo("0");
		assertThat(empty.avg()).isNull();
		assertThat(empty.min()).isNull();
		assertThat(empty.max()).isNull();
		assertThat(empty.minText()).isNull();
	}

	@Test
	void averagesKeepSixteenDigitsAndWholeNumbersStayPlain() {
		BucketStats thirds = BucketStats.ofMicros(3, 10_000_000, 1_000_000, 10_000_000);
		assertThat(thirds.avg()).isEqualByComparingTo("3.333333333333333");
		assertThat(thirds.avg().toString()).isEqualTo("3.333333333333333");
		assertThat(BucketStats.ofMicros(2, 5_000_000, 0, 5_000_000).avg().toString()).isEqualTo("2.5");
		assertThat(BucketStats.plain(new BigDecimal("1E+3")).toString()).isEqualTo("1000");
		assertThat(BucketStats.plain(new BigDecimal("2.500")).toString()).isEqualTo("2.5");
	}

	@Test
	void millionthsPrintAsThePlainDecimal() {
		for (long micros : new long[] { 0, 1, -1, 10, 999_999, 1_000_000, -1_000_000, 1_500_000, -2_050_000,
				123_456_789, 1_000_000_000_000_000L, Long.MAX_VALUE, Long.MIN_VALUE }) {
			assertThat(BucketStats.units(micros)).as("%d", micros)
				.isEqualTo(BucketStats.plain(BigDecimal.valueOf(micros, 6)).toPlainString());
		}
	}

	@Test
	void sumsBeyondALongStayExact() {
		// Redis keeps up to 2^64 millionths per bucket; two near-full buckets add beyond
		// it
		BucketStats big = BucketStats.parse("2 18446744073709551615 1 2", 0, 26);
		assertThat(big.sumText()).isEqualTo("18446744073709.551615");
		assertThat(BucketStats.parse("1 2.5e3 1 2", 0, 11).sumText()).isEqualTo("0.0025");
		BucketStats near = BucketStats.ofMicros(1, Long.MAX_VALUE, 5, 5);
		BucketStats both = near.plus(near).plus(big);
		assertThat(both.sum()).isEqualByComparingTo(new BigDecimal(Long.MAX_VALUE).multiply(BigDecimal.TWO)
			.add(new BigDecimal("18446744073709551615"))
			.movePointLeft(6));
		assertThat(both.count()).isEqualTo(4);
		assertThat(both.minText()).isEqualTo("0.000001");
	}

	@Test
	void functionsAreAListOfKnownNames() {
		assertThat(StatFunction.parse("max, count,avg,count")).containsExactly(StatFunction.COUNT, StatFunction.AVG,
				StatFunction.MAX);
		assertThatThrownBy(() -> StatFunction.parse("count,median")).isInstanceOf(InvalidEvent.class)
			.hasMessageContaining("median");
	}

}

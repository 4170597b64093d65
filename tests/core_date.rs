//! Date parsing (RFC 3339, RFC 2822 and their real-world deviations) and the seed portal's display format.

use news_widget::core::date::{format_datetime, format_iso, format_short, parse_date, parse_offset};
use news_widget::core::i18n::Lang;
use news_widget::core::model::Timestamp;

/// 2019-07-20T01:36:00Z, a Saturday: the seed article's "Thứ Bảy, 20/7/2019 8:36'(GMT+7)".
const SEED: i64 = 1_563_586_560;

#[test]
fn rfc3339_forms_parse_to_the_same_instant() {
    let cases = [
        "2019-07-20T08:36:00+07:00",
        "2019-07-20T01:36:00Z",
        "2019-07-20T01:36:00z",
        "2019-07-20t01:36:00Z",
        "2019-07-20 01:36:00Z",
        "2019-07-20T01:36:00.123456Z",
        "2019-07-20T01:36:00.999999999999999999999999999999999999Z",
        "2019-07-20T08:36:00.5+07:00",
        "2019-07-20T08:36:00+0700",
        "2019-07-20T08:36:00+07",
        "2019-07-19T20:36:00-05:00",
        "  2019-07-20T08:36:00+07:00\n",
        "2019-07-20T01:36Z",
        "2019-07-20T01:36:00 UTC",
        "2019-07-20T01:36:00 GMT",
    ];
    for c in cases {
        assert_eq!(parse_date(c), Some(SEED), "{c:?}");
    }
}

#[test]
fn zoneless_datetime_is_utc_like_wordpress_date_gmt() {
    assert_eq!(parse_date("2019-07-20T01:36:00"), Some(SEED));
    assert_eq!(parse_date("2019-07-20 01:36:00"), Some(SEED));
    assert_eq!(parse_date("2019-07-20"), Some(SEED - 3600 - 36 * 60));
}

#[test]
fn rfc2822_forms_parse_to_the_same_instant() {
    let cases = [
        "Sat, 20 Jul 2019 08:36:00 +0700",
        "Sat, 20 Jul 2019 01:36:00 GMT",
        "Sat, 20 Jul 2019 01:36:00 UT",
        "Sat, 20 Jul 2019 01:36:00 UTC",
        "Sat, 20 Jul 2019 01:36:00 Z",
        "20 Jul 2019 08:36:00 +0700",
        "Sat, 20 Jul 19 08:36:00 +0700",
        "Sat, 20 Jul 2019 08:36 +0700",
        "Sat,  20   Jul  2019   08:36:00   +0700",
        "Sat, 20 Jul 2019 08:36:00 +0700 (ICT)",
        "Sat, 20 Jul 2019 08:36:00 +07:00",
        "sat, 20 jul 2019 08:36:00 +0700",
        "Saturday, 20 July 2019 08:36:00 +0700",
        "Sat 20 Jul 2019 08:36:00 +0700",
        "Sat, 20 Jul 2019 08:36:00 ICT",
        "Sat, 20 Jul 2019 8:36:00 +0700",
        "Fri, 19 Jul 2019 21:36:00 EDT",
        "Fri, 19 Jul 2019 20:36:00 EST",
        "Fri, 19 Jul 2019 20:36:00 CDT",
        "Fri, 19 Jul 2019 19:36:00 CST",
        "Fri, 19 Jul 2019 19:36:00 MDT",
        "Fri, 19 Jul 2019 18:36:00 MST",
        "Fri, 19 Jul 2019 18:36:00 PDT",
        "Fri, 19 Jul 2019 17:36:00 PST",
        "Sat, 20 Jul 2019 01:36:00 A",
    ];
    for c in cases {
        assert_eq!(parse_date(c), Some(SEED), "{c:?}");
    }
}

#[test]
fn real_feed_dates_parse() {
    // VnExpress RSS.
    assert_eq!(parse_date("Wed, 26 Jul 2017 10:55:52 +0700"), Some(1_501_041_352));
    // InfluxData JSON Feed, RFC 2822 in date_published.
    assert_eq!(parse_date("Fri, 31 May 2019 12:17:58 -0700"), Some(1_559_330_278));
    assert_eq!(parse_date("Tue, 06 Feb 2018 06:34:12 -0700"), Some(1_517_924_052));
    // jsonfeed.org.
    assert_eq!(parse_date("2017-05-17T08:02:12-07:00"), Some(1_495_033_332));
}

#[test]
fn two_and_three_digit_years_follow_rfc2822() {
    assert_eq!(parse_date("20 Jul 99 08:36:00 GMT"), Some(932_459_760));
    assert_eq!(parse_date("20 Jul 49 08:36:00 GMT"), Some(2_510_382_960));
    assert_eq!(parse_date("20 Jul 50 08:36:00 GMT"), Some(-613_841_040));
    assert_eq!(
        parse_date("20 Jul 119 08:36:00 GMT"),
        parse_date("20 Jul 2019 08:36:00 GMT")
    );
}

#[test]
fn calendar_edges_parse() {
    assert_eq!(parse_date("0001-01-01T00:00:00Z"), Some(-62_135_596_800));
    assert_eq!(parse_date("9999-12-31T23:59:59Z"), Some(253_402_300_799));
    assert_eq!(parse_date("1969-12-31T23:59:59Z"), Some(-1));
    assert_eq!(parse_date("2000-02-29T00:00:00Z"), Some(951_782_400));
    assert_eq!(parse_date("1900-01-01T00:00:00Z"), Some(-2_208_988_800));
    assert_eq!(parse_date("2100-03-01T00:00:00Z"), Some(4_107_542_400));
}

#[test]
fn garbage_and_out_of_range_dates_are_none() {
    let cases = [
        "",
        "   ",
        "yesterday",
        "2019",
        "2019-07",
        "2019-13-01T00:00:00Z",
        "2019-00-10T00:00:00Z",
        "2019-02-29T00:00:00Z",
        "2100-02-29T00:00:00Z",
        "2019-07-32T00:00:00Z",
        "2019-07-20T24:00:00Z",
        "2019-07-20T23:60:00Z",
        "2019-07-20T23:59:61Z",
        "2019-07-20T08:36:00+07:0",
        "2019-07-20T08:36:00 nonsense",
        "2019-07-20X08:36:00Z",
        "0000-01-01T00:00:00Z",
        "Sat, 32 Jul 2019 08:36:00 +0700",
        "Sat, 20 Foo 2019 08:36:00 +0700",
        "Foo, 20 Jul 2019 08:36:00 +0700",
        "Sat, 20 Jul 2019 08:36:00 +07:99",
        "Sat, 20 Jul 2019 25:36:00 +0700",
        "Sat, 20 Jul 2019 08h36 +0700",
        "Sat, 20 Jul",
        "20/7/2019 8:36",
        "Thứ Bảy, 20/7/2019 8:36",
        "99999999999999999999-01-01T00:00:00Z",
        "\u{0}\u{1}",
        "２０１９-07-20T08:36:00Z",
    ];
    for c in cases {
        assert_eq!(parse_date(c), None, "{c:?}");
    }
}

#[test]
fn leap_second_rolls_into_next_minute() {
    assert_eq!(
        parse_date("2016-12-31T23:59:60Z"),
        parse_date("2017-01-01T00:00:00Z")
    );
}

#[test]
fn parse_date_never_panics_on_odd_bytes() {
    let long = "9".repeat(10_000);
    for s in [
        "2019-",
        "-",
        ":",
        "+",
        "()",
        "(",
        ")",
        "Sat,",
        ",,,",
        "1 Jan",
        "2019-07-20T",
        &long,
    ] {
        let _ = parse_date(s);
    }
    // Every prefix of real dates.
    for full in [
        "Sat, 20 Jul 2019 08:36:00 +0700 (ICT)",
        "2019-07-20T08:36:00.123+07:00",
    ] {
        for (i, _) in full.char_indices() {
            let _ = parse_date(&full[..i]);
        }
    }
}

#[test]
fn offsets_parse_in_every_written_form() {
    let cases: [(&str, Option<i32>); 26] = [
        ("+07:00", Some(420)),
        ("+0700", Some(420)),
        ("+07", Some(420)),
        ("+7", Some(420)),
        ("7", Some(420)),
        ("07:00", Some(420)),
        ("-05:30", Some(-330)),
        ("-0530", Some(-330)),
        ("+05:45", Some(345)),
        ("+545", Some(345)),
        ("\u{2212}03:00", Some(-180)),
        ("Z", Some(0)),
        ("z", Some(0)),
        ("UTC", Some(0)),
        ("gmt", Some(0)),
        ("GMT+7", Some(420)),
        ("UTC+07:00", Some(420)),
        ("UTC-3", Some(-180)),
        (" +07:00 ", Some(420)),
        ("+25:00", Some(18 * 60)),
        ("-99", Some(-18 * 60)),
        ("+07:60", None),
        ("", None),
        ("+", None),
        ("Asia/Ho_Chi_Minh", None),
        ("+07:00:00", None),
    ];
    for (input, want) in cases {
        assert_eq!(parse_offset(input), want, "{input:?}");
    }
    for bad in ["GMT7", "abc", "+7a", "+123456", "++7", "7:0"] {
        assert_eq!(parse_offset(bad), None, "{bad:?}");
    }
}

#[test]
fn vietnamese_format_matches_the_seed_portal() {
    assert_eq!(format_datetime(SEED, 420, Lang::Vi), "Thứ Bảy, 20/7/2019 8:36");
    assert_eq!(format_datetime(SEED, 420, Lang::En), "Saturday, 20/7/2019 8:36");
}

#[test]
fn all_seven_weekdays_in_vietnamese_and_english() {
    let vi = [
        "Thứ Bảy",
        "Chủ Nhật",
        "Thứ Hai",
        "Thứ Ba",
        "Thứ Tư",
        "Thứ Năm",
        "Thứ Sáu",
    ];
    let en = [
        "Saturday",
        "Sunday",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
    ];
    for day in 0..7 {
        let ts = SEED + day * 86_400;
        let date = 20 + day;
        assert_eq!(
            format_datetime(ts, 420, Lang::Vi),
            format!("{}, {date}/7/2019 8:36", vi[day as usize])
        );
        assert_eq!(
            format_datetime(ts, 420, Lang::En),
            format!("{}, {date}/7/2019 8:36", en[day as usize])
        );
    }
}

#[test]
fn midnight_and_minutes_are_written_as_the_portal_does() {
    // 2019-07-20T00:00+07:00.
    assert_eq!(
        format_datetime(1_563_555_600, 420, Lang::Vi),
        "Thứ Bảy, 20/7/2019 0:00"
    );
    // One minute earlier is the previous day.
    assert_eq!(
        format_datetime(1_563_555_540, 420, Lang::Vi),
        "Thứ Sáu, 19/7/2019 23:59"
    );
    assert_eq!(
        format_datetime(SEED + 60 * 4, 420, Lang::Vi),
        "Thứ Bảy, 20/7/2019 8:40"
    );
    assert_eq!(
        format_datetime(SEED + 3600 * 4, 420, Lang::Vi),
        "Thứ Bảy, 20/7/2019 12:36"
    );
}

#[test]
fn offset_crossing_midnight_rolls_day_month_and_year() {
    // 2019-12-31T20:00Z is New Year's Day 03:00 in Hà Nội.
    assert_eq!(
        format_datetime(1_577_822_400, 420, Lang::Vi),
        "Thứ Tư, 1/1/2020 3:00"
    );
    assert_eq!(
        format_datetime(1_577_822_400, 0, Lang::Vi),
        "Thứ Ba, 31/12/2019 20:00"
    );
    // 2020-01-01T02:00Z is still 2019 in New York.
    assert_eq!(
        format_datetime(1_577_844_000, -300, Lang::En),
        "Tuesday, 31/12/2019 21:00"
    );
    assert_eq!(format_iso(1_577_844_000, -300), "2019-12-31T21:00:00-05:00");
    // Month end: 2019-07-31T20:00Z.
    assert_eq!(
        format_datetime(1_564_603_200, 420, Lang::Vi),
        "Thứ Năm, 1/8/2019 3:00"
    );
}

#[test]
fn leap_day_formats() {
    assert_eq!(
        format_datetime(1_709_208_000, 0, Lang::Vi),
        "Thứ Năm, 29/2/2024 12:00"
    );
    assert_eq!(
        format_datetime(951_782_400, 0, Lang::En),
        "Tuesday, 29/2/2000 0:00"
    );
}

#[test]
fn negative_timestamps_format_before_1970() {
    assert_eq!(format_datetime(-1, 0, Lang::Vi), "Thứ Tư, 31/12/1969 23:59");
    assert_eq!(format_iso(-1, 0), "1969-12-31T23:59:59+00:00");
    assert_eq!(
        format_datetime(-2_208_988_800, 0, Lang::En),
        "Monday, 1/1/1900 0:00"
    );
    assert_eq!(format_iso(-62_135_596_800, 0), "0001-01-01T00:00:00+00:00");
}

#[test]
fn odd_offsets_format() {
    assert_eq!(format_datetime(SEED, 345, Lang::Vi), "Thứ Bảy, 20/7/2019 7:21");
    assert_eq!(format_iso(SEED, 345), "2019-07-20T07:21:00+05:45");
    assert_eq!(format_datetime(SEED, -570, Lang::Vi), "Thứ Sáu, 19/7/2019 16:06");
    assert_eq!(format_iso(SEED, -570), "2019-07-19T16:06:00-09:30");
}

#[test]
fn iso_format_round_trips_through_parse() {
    assert_eq!(format_iso(SEED, 420), "2019-07-20T08:36:00+07:00");
    assert_eq!(format_iso(SEED, 0), "2019-07-20T01:36:00+00:00");
    for off in [-720, -330, 0, 345, 420, 840] {
        for ts in [SEED, -1, 0, 1_577_822_400, 253_402_300_799 - 86_400] {
            assert_eq!(parse_date(&format_iso(ts, off)), Some(ts), "{ts} {off}");
        }
    }
}

#[test]
fn offsets_beyond_18_hours_are_clamped_when_formatting() {
    assert_eq!(format_iso(SEED, 10_000), format_iso(SEED, 18 * 60));
    assert_eq!(
        format_datetime(SEED, i32::MIN, Lang::Vi),
        format_datetime(SEED, -18 * 60, Lang::Vi)
    );
}

#[test]
fn extreme_timestamps_do_not_panic() {
    for ts in [i64::MIN, i64::MIN + 1, i64::MAX, i64::MAX - 1, -1, 0] {
        for off in [i32::MIN, -1080, 0, 1080, i32::MAX] {
            let _ = format_datetime(ts, off, Lang::Vi);
            let _ = format_iso(ts, off);
        }
    }
}

#[test]
fn the_portal_offset_is_an_argument_and_the_only_zone_the_display_uses() {
    // The display forms take the zone as an argument (minutes east of UTC, from the `tz` attribute) and have
    // no other input: no clock, no zone of the process or of the reader. Their signatures are pinned here.
    let _: fn(Timestamp, i32, Lang) -> String = format_datetime;
    let _: fn(Timestamp, i32) -> String = format_short;
    let _: fn(Timestamp, i32) -> String = format_iso;
    // One instant written for portals in five zones: exactly these texts, wherever the tests run (offset 0
    // is UTC, not the zone of the machine).
    let cases = [
        (
            420,
            "Thứ Bảy, 20/7/2019 8:36",
            "8:36 20/7",
            "2019-07-20T08:36:00+07:00",
        ),
        (
            0,
            "Thứ Bảy, 20/7/2019 1:36",
            "1:36 20/7",
            "2019-07-20T01:36:00+00:00",
        ),
        (
            -420,
            "Thứ Sáu, 19/7/2019 18:36",
            "18:36 19/7",
            "2019-07-19T18:36:00-07:00",
        ),
        (
            840,
            "Thứ Bảy, 20/7/2019 15:36",
            "15:36 20/7",
            "2019-07-20T15:36:00+14:00",
        ),
        (
            -720,
            "Thứ Sáu, 19/7/2019 13:36",
            "13:36 19/7",
            "2019-07-19T13:36:00-12:00",
        ),
    ];
    for (offset, text, short, iso) in cases {
        assert_eq!(format_datetime(SEED, offset, Lang::Vi), text, "{offset}");
        assert_eq!(format_short(SEED, offset), short, "{offset}");
        assert_eq!(format_iso(SEED, offset), iso, "{offset}");
    }
}

mod relative {
    use news_widget::core::date::{format_datetime, format_relative, FUTURE_SKEW_SECS};
    use news_widget::core::i18n::Lang;

    const SEED: i64 = super::SEED;

    fn vi(age: i64) -> String {
        format_relative(SEED, SEED + age, 420, Lang::Vi)
    }

    fn en(age: i64) -> String {
        format_relative(SEED, SEED + age, 420, Lang::En)
    }

    #[test]
    fn under_a_minute_is_just_now() {
        for age in [0, 1, 30, 59] {
            assert_eq!(vi(age), "vừa xong", "{age}");
            assert_eq!(en(age), "just now", "{age}");
        }
    }

    #[test]
    fn minutes_from_one_to_fifty_nine() {
        assert_eq!(vi(60), "1 phút trước");
        assert_eq!(vi(119), "1 phút trước");
        assert_eq!(vi(300), "5 phút trước");
        assert_eq!(vi(3599), "59 phút trước");
        assert_eq!(en(60), "1 minute ago");
        assert_eq!(en(120), "2 minutes ago");
        assert_eq!(en(3599), "59 minutes ago");
    }

    #[test]
    fn hours_from_one_to_twenty_three() {
        assert_eq!(vi(3600), "1 giờ trước");
        assert_eq!(vi(2 * 3600 + 59 * 60), "2 giờ trước");
        assert_eq!(vi(86_399), "23 giờ trước");
        assert_eq!(en(3600), "1 hour ago");
        assert_eq!(en(7200), "2 hours ago");
    }

    #[test]
    fn after_a_day_the_absolute_portal_time() {
        assert_eq!(vi(86_400), "Thứ Bảy, 20/7/2019 8:36");
        assert_eq!(en(86_400), "Saturday, 20/7/2019 8:36");
        assert_eq!(vi(400 * 86_400), format_datetime(SEED, 420, Lang::Vi));
        // In the portal's zone, whatever it is.
        assert_eq!(
            format_relative(SEED, SEED + 86_400, 0, Lang::Vi),
            "Thứ Bảy, 20/7/2019 1:36"
        );
    }

    #[test]
    fn a_little_in_the_future_is_just_now_further_is_absolute() {
        assert_eq!(vi(-1), "vừa xong");
        assert_eq!(en(-FUTURE_SKEW_SECS), "just now");
        assert_eq!(vi(-FUTURE_SKEW_SECS - 1), "Thứ Bảy, 20/7/2019 8:36");
        assert_eq!(vi(-10 * 86_400), "Thứ Bảy, 20/7/2019 8:36");
    }

    #[test]
    fn extreme_instants_do_not_overflow() {
        let far = format_relative(i64::MIN, i64::MAX, 420, Lang::Vi);
        assert!(!far.is_empty());
        let ahead = format_relative(i64::MAX, i64::MIN, 420, Lang::En);
        assert!(!ahead.is_empty());
    }
}

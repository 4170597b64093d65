//! Block configuration from attributes: defaults, accepted values, and a warning (never a failure) for each
//! bad value. Also the label tables.

use std::collections::HashMap;

use news_widget::core::config::{parse_config, BlockConfig, Kind, Layout, Theme, TimeStyle};
use news_widget::core::i18n::{labels, Lang};
use news_widget::core::model::FeedFormat;

fn config(attrs: &[(&str, &str)]) -> (BlockConfig, Vec<String>) {
    let map: HashMap<String, String> = attrs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    parse_config(&|name| map.get(name).cloned())
}

#[test]
fn defaults_with_only_src() {
    let (c, w) = config(&[("src", "/feeds/latest.json")]);
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(
        c,
        BlockConfig {
            kind: Kind::Latest,
            src: vec!["/feeds/latest.json".to_owned()],
            limit: 10,
            heading: "Mới nhất".to_owned(),
            lang: Lang::Vi,
            tz_offset_minutes: 420,
            current: None,
            tag: None,
            thumbnails: true,
            summary: false,
            format: None,
            timeout_ms: 10_000,
            referrer: "strict-origin-when-cross-origin".to_owned(),
            layout: Layout::List,
            theme: Theme::Light,
            action: None,
            fields: Vec::new(),
            list: false,
            refresh_secs: None,
            time: TimeStyle::Absolute,
        }
    );
}

#[test]
fn kinds_and_their_default_headings_and_limits() {
    let cases = [
        ("latest", "vi", Kind::Latest, "Mới nhất", 10),
        ("others", "vi", Kind::Others, "Các tin khác", 10),
        ("gallery", "vi", Kind::Gallery, "Thư viện ảnh", 12),
        (" Gallery ", "en", Kind::Gallery, "Photo gallery", 12),
        ("OTHERS", "en-US", Kind::Others, "Other stories", 10),
        ("", "vi-VN", Kind::Latest, "Mới nhất", 10),
        ("latest", "EN_gb", Kind::Latest, "Latest news", 10),
        ("links", "vi", Kind::Links, "Liên kết website", 30),
        ("weblinks", "en", Kind::Links, "Partner sites", 30),
    ];
    for (kind, lang, want_kind, heading, limit) in cases {
        let (c, w) = config(&[("src", "a.json"), ("kind", kind), ("lang", lang)]);
        assert!(w.is_empty(), "{kind:?}: {w:?}");
        assert_eq!(
            (c.kind, c.heading.as_str(), c.limit),
            (want_kind, heading, limit),
            "{kind:?} {lang:?}"
        );
    }
}

#[test]
fn empty_heading_hides_it_and_a_given_one_is_trimmed() {
    assert_eq!(config(&[("src", "a"), ("heading", "")]).0.heading, "");
    assert_eq!(
        config(&[("src", "a"), ("heading", "  Tin nóng ")]).0.heading,
        "Tin nóng"
    );
}

#[test]
fn src_splits_on_whitespace() {
    let (c, w) = config(&[("src", "  /a.json\n https://b.vn/feed.json\t/c.json ")]);
    assert!(w.is_empty());
    assert_eq!(c.src, ["/a.json", "https://b.vn/feed.json", "/c.json"]);
    for attrs in [&[][..], &[("src", "   ")][..]] {
        let (c, w) = config(attrs);
        assert!(c.src.is_empty());
        assert_eq!(w.len(), 1);
        assert!(w[0].contains("src"), "{w:?}");
    }
}

#[test]
fn limit_is_parsed_and_clamped() {
    let cases = [
        ("5", 5, false),
        (" 50 ", 50, false),
        ("+7", 7, false),
        ("1", 1, false),
        ("0", 1, true),
        ("-3", 1, true),
        ("51", 50, true),
        ("99999999999999999999999", 50, true),
        ("abc", 10, true),
        ("10.5", 10, true),
        ("", 10, false),
    ];
    for (v, want, warns) in cases {
        let (c, w) = config(&[("src", "a"), ("limit", v)]);
        assert_eq!(c.limit, want, "{v:?}");
        assert_eq!(!w.is_empty(), warns, "{v:?}: {w:?}");
        if warns {
            assert!(w[0].contains("limit") && w[0].contains(v.trim()), "{w:?}");
        }
    }
    assert_eq!(
        config(&[("src", "a"), ("kind", "gallery"), ("limit", "x")])
            .0
            .limit,
        12
    );
}

#[test]
fn tz_accepts_offsets_and_falls_back_to_vietnam() {
    let cases = [
        ("+07:00", 420, false),
        ("+0700", 420, false),
        ("-05:00", -300, false),
        ("+05:45", 345, false),
        ("UTC", 0, false),
        ("Z", 0, false),
        ("Asia/Ho_Chi_Minh", 420, true),
        ("+7:5", 420, true),
        ("", 420, false),
    ];
    for (v, want, warns) in cases {
        let (c, w) = config(&[("src", "a"), ("tz", v)]);
        assert_eq!(c.tz_offset_minutes, want, "{v:?}");
        assert_eq!(!w.is_empty(), warns, "{v:?}: {w:?}");
    }
}

#[test]
fn bad_kind_and_lang_fall_back_with_warnings() {
    let (c, w) = config(&[("src", "a"), ("kind", "carousel"), ("lang", "fr")]);
    assert_eq!(
        (c.kind, c.lang, c.heading.as_str()),
        (Kind::Latest, Lang::Vi, "Mới nhất")
    );
    assert_eq!(w.len(), 2, "{w:?}");
    assert!(w[0].contains("kind=\"carousel\""), "{w:?}");
    assert!(w[1].contains("lang=\"fr\""), "{w:?}");
}

#[test]
fn on_off_attributes() {
    let cases = [
        ("off", false, false, false),
        ("false", false, false, false),
        ("0", false, false, false),
        ("NO", false, false, false),
        ("on", true, true, false),
        ("true", true, true, false),
        ("1", true, true, false),
        ("Yes", true, true, false),
        ("", true, true, false),
        ("maybe", true, false, true),
    ];
    for (v, thumbnails, summary, warns) in cases {
        let (c, w) = config(&[("src", "a"), ("thumbnails", v), ("summary", v)]);
        assert_eq!((c.thumbnails, c.summary), (thumbnails, summary), "{v:?}");
        assert_eq!(w.len(), if warns { 2 } else { 0 }, "{v:?}: {w:?}");
    }
}

#[test]
fn current_and_tag_are_trimmed_and_empty_is_none() {
    let (c, _) = config(&[("src", "a"), ("current", " 123 "), ("tag", " Thời sự ")]);
    assert_eq!(c.current.as_deref(), Some("123"));
    assert_eq!(c.tag.as_deref(), Some("Thời sự"));
    let (c, _) = config(&[("src", "a"), ("current", " "), ("tag", "")]);
    assert_eq!((c.current, c.tag), (None, None));
}

#[test]
fn format_names() {
    let cases = [
        ("json", Some(FeedFormat::JsonFeed), false),
        ("JSONFeed", Some(FeedFormat::JsonFeed), false),
        ("wordpress", Some(FeedFormat::WordPress), false),
        ("wp", Some(FeedFormat::WordPress), false),
        ("rss", Some(FeedFormat::Rss), false),
        (" Atom ", Some(FeedFormat::Atom), false),
        ("auto", None, false),
        ("", None, false),
        ("xml", None, true),
    ];
    for (v, want, warns) in cases {
        let (c, w) = config(&[("src", "a"), ("format", v)]);
        assert_eq!(c.format, want, "{v:?}");
        assert_eq!(!w.is_empty(), warns, "{v:?}");
    }
}

#[test]
fn timeout_in_seconds_clamped_to_1_to_120() {
    let cases = [
        ("10", 10_000, false),
        ("2.5", 2_500, false),
        ("0.25", 1_000, true),
        (".5", 1_000, true),
        ("1.2345", 1_234, false),
        ("30s", 30_000, false),
        ("120", 120_000, false),
        ("121", 120_000, true),
        ("0", 1_000, true),
        ("99999999999999999999999", 120_000, true),
        ("-1", 10_000, true),
        ("ten", 10_000, true),
        ("1.2.3", 10_000, true),
        (".", 10_000, true),
        ("", 10_000, false),
    ];
    for (v, want, warns) in cases {
        let (c, w) = config(&[("src", "a"), ("timeout", v)]);
        assert_eq!(c.timeout_ms, want, "{v:?}");
        assert_eq!(!w.is_empty(), warns, "{v:?}: {w:?}");
    }
}

#[test]
fn referrer_accepts_only_policy_tokens() {
    for p in [
        "no-referrer",
        "no-referrer-when-downgrade",
        "origin",
        "origin-when-cross-origin",
        "same-origin",
        "strict-origin",
        "strict-origin-when-cross-origin",
        "unsafe-url",
    ] {
        let (c, w) = config(&[("src", "a"), ("referrer", p)]);
        assert_eq!(c.referrer, p);
        assert!(w.is_empty());
    }
    assert_eq!(
        config(&[("src", "a"), ("referrer", " No-Referrer ")]).0.referrer,
        "no-referrer"
    );
    for bad in ["always", "no-referrer; script-src *", "\"origin\""] {
        let (c, w) = config(&[("src", "a"), ("referrer", bad)]);
        assert_eq!(c.referrer, "strict-origin-when-cross-origin", "{bad:?}");
        assert_eq!(w.len(), 1);
    }
}

#[test]
fn warnings_shorten_huge_values() {
    let huge = "x".repeat(100_000);
    let (c, w) = config(&[("src", "a"), ("limit", &huge)]);
    assert_eq!(c.limit, 10);
    assert!(w[0].len() < 300, "{}", w[0].len());
}

#[test]
fn hostile_attribute_values_never_panic() {
    let odd = [
        "\u{0}",
        "é",
        "-",
        "+",
        ".",
        "..",
        "١٢",
        "9".repeat(400).leak(),
        "s",
        "+-1",
        "GMT+",
        "\u{feff}5",
    ];
    let names = [
        "kind",
        "src",
        "limit",
        "heading",
        "lang",
        "tz",
        "current",
        "tag",
        "thumbnails",
        "summary",
        "format",
        "timeout",
        "referrer",
    ];
    for v in odd {
        for n in names {
            let _ = config(&[(n, v)]);
        }
    }
}

#[test]
fn labels_exist_in_both_languages() {
    let vi = labels(Lang::Vi);
    assert_eq!(
        [vi.latest, vi.others, vi.gallery, vi.loading, vi.empty, vi.error, vi.retry, vi.more],
        [
            "Mới nhất",
            "Các tin khác",
            "Thư viện ảnh",
            "Đang tải…",
            "Chưa có tin",
            "Không tải được tin",
            "Thử lại",
            "Xem thêm"
        ]
    );
    assert_eq!(
        [
            vi.more_failed,
            vi.updated_at,
            vi.lightbox.prev,
            vi.lightbox.next,
            vi.lightbox.close,
            vi.lightbox.view_article,
            vi.lightbox.image_broken,
            vi.source_failed
        ],
        [
            "Không tải thêm được tin",
            "cập nhật lúc",
            "Ảnh trước",
            "Ảnh sau",
            "Đóng",
            "Xem bài viết",
            "Không hiển thị được ảnh",
            "Một nguồn tin không tải được"
        ]
    );
    let en = labels(Lang::En);
    assert_eq!(
        [en.latest, en.others, en.gallery, en.empty, en.error, en.retry, en.more],
        [
            "Latest news",
            "Other stories",
            "Photo gallery",
            "No stories yet",
            "Could not load stories",
            "Retry",
            "Show more"
        ]
    );
    assert_eq!(en.updated_at, "updated at");
    assert_eq!(Lang::default(), Lang::Vi);
}

#[test]
fn layout_is_list_or_select_and_anything_else_warns_and_falls_back_to_list() {
    for (v, want) in [
        ("list", Layout::List),
        (" SELECT ", Layout::Select),
        ("dropdown", Layout::Select),
        ("", Layout::List),
    ] {
        let (c, w) = config(&[("src", "a.json"), ("kind", "links"), ("layout", v)]);
        assert!(w.is_empty(), "{v:?}: {w:?}");
        assert_eq!(c.layout, want, "{v:?}");
    }
    let (c, w) = config(&[("src", "a.json"), ("kind", "links"), ("layout", "carousel")]);
    assert_eq!(c.layout, Layout::List);
    assert_eq!(
        w,
        ["attribute layout=\"carousel\" is not list or select (the layouts of links); using list"]
    );
    for l in Layout::ALL {
        assert_eq!(l.as_str().parse::<Layout>(), Ok(l));
    }
    assert_eq!(Kind::Links.as_str(), "links");
    assert_eq!("LINKS".parse::<Kind>(), Ok(Kind::Links));
}

#[test]
fn feedback_needs_an_action_not_a_src_and_takes_its_optional_fields_and_list() {
    use news_widget::core::feedback::Field;
    let (c, w) = config(&[
        ("kind", "feedback"),
        ("action", " https://relay.example/feedback "),
        ("fields", "phone, address name bogus"),
        ("list", "on"),
    ]);
    assert_eq!(c.kind, Kind::Feedback);
    assert_eq!(c.heading, "Phản hồi");
    assert_eq!(c.action.as_deref(), Some("https://relay.example/feedback"));
    assert_eq!(
        c.fields,
        [Field::Address, Field::Phone],
        "in form order; the required fields are always there"
    );
    assert!(c.list);
    assert_eq!(
        w,
        ["attribute fields=\"bogus\" is not address or phone; using the others"],
        "no warning about src"
    );
    let (c, w) = config(&[("kind", "feedback")]);
    assert_eq!(c.action, None);
    assert!(!c.list);
    assert_eq!(
        w,
        ["attribute action is missing or empty: there is nowhere to send feedback"]
    );
    let (c, _) = config(&[("kind", "feedback"), ("lang", "en"), ("action", "/f")]);
    assert_eq!(c.heading, "Feedback");
}

#[test]
fn refresh_is_off_by_default_and_takes_seconds() {
    let cases = [
        ("60", Some(60)),
        (" 90s ", Some(90)),
        ("30", Some(30)),
        ("86400", Some(86_400)),
        ("off", None),
        ("OFF", None),
        ("0", None),
        ("no", None),
        ("", None),
    ];
    for (v, want) in cases {
        let (c, w) = config(&[("src", "a.json"), ("refresh", v)]);
        assert_eq!(c.refresh_secs, want, "{v:?}");
        assert!(w.is_empty(), "{v:?}: {w:?}");
    }
}

#[test]
fn refresh_under_thirty_seconds_clamps_to_thirty_with_a_warning() {
    for v in ["1", "5", "29", "29.9"] {
        let (c, w) = config(&[("src", "a.json"), ("refresh", v)]);
        assert_eq!(c.refresh_secs, Some(30), "{v:?}");
        assert_eq!(
            w,
            [format!(
                "attribute refresh=\"{v}\" is under 30 seconds; using 30 s"
            )],
            "{v:?}"
        );
    }
    let (c, w) = config(&[("src", "a.json"), ("refresh", "999999999999999999999")]);
    assert_eq!(c.refresh_secs, Some(86_400));
    assert!(w[0].contains("is over a day; using 86400 s"), "{w:?}");
    let (c, w) = config(&[("src", "a.json"), ("refresh", "60.5")]);
    assert_eq!(c.refresh_secs, Some(60));
    assert!(
        w[0].contains("is not a whole number of seconds; using 60 s"),
        "{w:?}"
    );
}

#[test]
fn a_bad_refresh_is_off_with_a_warning() {
    for v in ["soon", "-60", "1m", "on", "60 s s"] {
        let (c, w) = config(&[("src", "a.json"), ("refresh", v)]);
        assert_eq!(c.refresh_secs, None, "{v:?}");
        assert_eq!(
            w,
            [format!(
                "attribute refresh=\"{v}\" is not a number of seconds; using off"
            )],
            "{v:?}"
        );
    }
}

#[test]
fn time_is_absolute_or_relative() {
    let cases = [
        ("relative", TimeStyle::Relative),
        (" Relative ", TimeStyle::Relative),
        ("absolute", TimeStyle::Absolute),
        ("", TimeStyle::Absolute),
    ];
    for (v, want) in cases {
        let (c, w) = config(&[("src", "a.json"), ("time", v)]);
        assert_eq!(c.time, want, "{v:?}");
        assert!(w.is_empty(), "{v:?}: {w:?}");
    }
    let (c, w) = config(&[("src", "a.json"), ("time", "ago")]);
    assert_eq!(c.time, TimeStyle::Absolute);
    assert_eq!(
        w,
        ["attribute time=\"ago\" is not absolute or relative; using absolute"]
    );
    assert_eq!("relative".parse::<TimeStyle>(), Ok(TimeStyle::Relative));
    assert_eq!(TimeStyle::Relative.as_str(), "relative");
}

#[test]
fn new_story_and_relative_labels_in_both_languages() {
    use news_widget::core::i18n::counted;
    assert_eq!(counted(3, labels(Lang::Vi).live.new_stories), "3 tin mới");
    assert_eq!(counted(1, labels(Lang::En).live.new_stories), "1 new story");
    assert_eq!(counted(2, labels(Lang::En).live.new_stories), "2 new stories");
    assert_eq!(labels(Lang::Vi).live.just_now, "vừa xong");
}

#[test]
fn each_kind_has_its_layouts_and_a_layout_it_lacks_warns_and_falls_back_to_its_default() {
    for (kind, v, want) in [
        ("latest", "compact", Layout::Compact),
        ("latest", " GRID ", Layout::Grid),
        ("latest", "cards", Layout::Grid),
        ("others", "ticker", Layout::Ticker),
        ("others", "list", Layout::List),
        ("gallery", "grid", Layout::Grid),
        ("links", "select", Layout::Select),
        ("feedback", "list", Layout::List),
    ] {
        let (c, w) = config(&[
            ("src", "a.json"),
            ("action", "/fb"),
            ("kind", kind),
            ("layout", v),
        ]);
        assert!(w.is_empty(), "{kind} {v:?}: {w:?}");
        assert_eq!(c.layout, want, "{kind} {v:?}");
    }
    // Without the attribute: the kind's default.
    for (kind, want) in [
        ("latest", Layout::List),
        ("gallery", Layout::Grid),
        ("links", Layout::List),
    ] {
        let (c, _) = config(&[("src", "a.json"), ("kind", kind)]);
        assert_eq!(c.layout, want, "{kind}");
        assert_eq!(c.kind.default_layout(), want, "{kind}");
    }
    let cases = [
        (
            "latest",
            "select",
            Layout::List,
            "attribute layout=\"select\" is not list, compact, grid or ticker (the layouts of latest); using list",
        ),
        (
            "links",
            "ticker",
            Layout::List,
            "attribute layout=\"ticker\" is not list or select (the layouts of links); using list",
        ),
        (
            "gallery",
            "list",
            Layout::Grid,
            "attribute layout=\"list\" is not grid (the layouts of gallery); using grid",
        ),
    ];
    for (kind, v, want, warning) in cases {
        let (c, w) = config(&[("src", "a.json"), ("kind", kind), ("layout", v)]);
        assert_eq!(c.layout, want, "{kind} {v:?}");
        assert_eq!(w, [warning]);
    }
    for k in Kind::ALL {
        assert!(!k.layouts().is_empty(), "{k:?}");
    }
}

#[test]
fn theme_is_light_dark_or_auto_and_anything_else_warns_and_falls_back_to_light() {
    for (v, want) in [
        ("light", Theme::Light),
        ("Dark", Theme::Dark),
        (" auto ", Theme::Auto),
        ("", Theme::Light),
    ] {
        let (c, w) = config(&[("src", "a.json"), ("theme", v)]);
        assert!(w.is_empty(), "{v:?}: {w:?}");
        assert_eq!(c.theme, want, "{v:?}");
    }
    let (c, w) = config(&[("src", "a.json"), ("theme", "sepia")]);
    assert_eq!(c.theme, Theme::Light);
    assert_eq!(
        w,
        ["attribute theme=\"sepia\" is not light, dark or auto; using light"]
    );
    for t in Theme::ALL {
        assert_eq!(t.as_str().parse::<Theme>(), Ok(t));
    }
}

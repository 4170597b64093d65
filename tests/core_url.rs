//! URL vetting and resolution (only http(s) ever comes out) and the "same article" key.

use news_widget::core::url::{host, is_http_url, match_key, resolve, sanitize_srcset};

const BASE: &str = "https://news.example.vn/feeds/latest.json?page=2#top";

#[test]
fn relative_references_resolve_against_the_feed_url() {
    let cases = [
        ("img/a.jpg", "https://news.example.vn/feeds/img/a.jpg"),
        ("./img/a.jpg", "https://news.example.vn/feeds/img/a.jpg"),
        ("/a", "https://news.example.vn/a"),
        ("../a", "https://news.example.vn/a"),
        ("../../../../a", "https://news.example.vn/a"),
        ("a/b/../c/./d", "https://news.example.vn/feeds/a/c/d"),
        ("a/..", "https://news.example.vn/feeds/"),
        (".", "https://news.example.vn/feeds/"),
        ("..", "https://news.example.vn/"),
        ("//cdn.example.vn/x.jpg", "https://cdn.example.vn/x.jpg"),
        ("?q=1", "https://news.example.vn/feeds/latest.json?q=1"),
        ("#f", "https://news.example.vn/feeds/latest.json?page=2#f"),
        ("a?b#c", "https://news.example.vn/feeds/a?b#c"),
        ("/a/%2e%2e/b", "https://news.example.vn/b"),
        ("\\a\\b", "https://news.example.vn/a/b"),
        ("  img/a.jpg \n", "https://news.example.vn/feeds/img/a.jpg"),
        (
            "java\u{0}script:alert(1)",
            "https://news.example.vn/feeds/java%00script:alert(1)",
        ),
    ];
    for (r, want) in cases {
        assert_eq!(resolve(Some(BASE), r).as_deref(), Some(want), "{r:?}");
    }
}

#[test]
fn absolute_http_urls_are_normalised() {
    let cases = [
        ("HTTPS://News.Example.VN/A/B", "https://news.example.vn/A/B"),
        ("http://example.com", "http://example.com/"),
        ("http://example.com:80/a", "http://example.com/a"),
        ("https://example.com:443/a", "https://example.com/a"),
        ("https://example.com:8443/a", "https://example.com:8443/a"),
        ("http://example.com:/a", "http://example.com/a"),
        ("http://user:pass@example.com/a", "http://example.com/a"),
        ("http://example.com/a/./b/../c", "http://example.com/a/c"),
        ("http://example.com/a b", "http://example.com/a%20b"),
        (
            "http://example.com/a?x=1 2#frag ment",
            "http://example.com/a?x=1%202#frag%20ment",
        ),
        ("http://example.com/\"<>`", "http://example.com/%22%3C%3E%60"),
        ("http://example.com/%C3%A1", "http://example.com/%C3%A1"),
        ("http:\\\\example.com\\a", "http://example.com/a"),
        ("http:/example.com/a", "http://example.com/a"),
        ("http://[::1]:8080/a", "http://[::1]:8080/a"),
        (
            "http://127.0.0.1:8080/feed.json",
            "http://127.0.0.1:8080/feed.json",
        ),
        ("\u{1}\u{1f} https://example.com/a", "https://example.com/a"),
        ("ht\ttp\n://exam\rple.com/a", "http://example.com/a"),
    ];
    for (input, want) in cases {
        assert_eq!(resolve(None, input).as_deref(), Some(want), "{input:?}");
        assert_eq!(
            resolve(Some(BASE), input).as_deref(),
            Some(want),
            "{input:?} with base"
        );
    }
}

#[test]
fn vietnamese_paths_are_percent_encoded() {
    assert_eq!(
        resolve(None, "https://báo.example.vn/thời-sự/tin tức.html").as_deref(),
        Some("https://báo.example.vn/th%E1%BB%9Di-s%E1%BB%B1/tin%20t%E1%BB%A9c.html")
    );
    assert_eq!(
        resolve(Some(BASE), "ảnh/đà-nẵng.jpg").as_deref(),
        Some("https://news.example.vn/feeds/%E1%BA%A3nh/%C4%91%C3%A0-n%E1%BA%B5ng.jpg")
    );
    assert_eq!(
        resolve(Some(BASE), "/tim-kiem?q=Hà Nội").as_deref(),
        Some("https://news.example.vn/tim-kiem?q=H%C3%A0%20N%E1%BB%99i")
    );
}

#[test]
fn dangerous_schemes_are_refused_however_disguised() {
    let cases = [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "JAVASCRIPT:alert(1)",
        " javascript:alert(1)",
        "\u{0}javascript:alert(1)",
        "\u{1}\u{8}\u{1f}javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "java\rscript:alert(1)",
        "jav\u{9}ascript:alert(1)",
        "\njavascript:alert(1)",
        "javascript\t:alert(1)",
        "j\na\rv\ta\ns\rc\tr\ni\rp\tt:alert(1)",
        "javascript://example.com/%0Aalert(1)",
        "data:text/html,<script>alert(1)</script>",
        "DATA:image/svg+xml;base64,PHN2Zz4=",
        "vbscript:msgbox(1)",
        "VBScript:msgbox(1)",
        "file:///etc/passwd",
        "ftp://example.com/a",
        "mailto:a@example.com",
        "about:blank",
        "blob:https://example.com/uuid",
        "ws://example.com/",
        "httpx://example.com/",
        "http+js://example.com/",
    ];
    for c in cases {
        assert_eq!(resolve(Some(BASE), c), None, "{c:?}");
        assert_eq!(resolve(None, c), None, "{c:?}");
        assert!(!is_http_url(c), "{c:?}");
    }
}

#[test]
fn broken_hosts_are_refused() {
    for c in [
        "http://",
        "https:///",
        "http://?a",
        "http://#a",
        "http://exa mple.com/",
        "http://exa<mple.com/",
        "http://example.com:99999/",
        "http://example.com:8o/",
        "http://example.com:1:2/",
        "http://[::1/",
        "http://@/",
    ] {
        assert_eq!(resolve(None, c), None, "{c:?}");
    }
}

#[test]
fn relative_references_need_an_http_base() {
    for r in ["img/a.jpg", "/a", "//host/a", "?q", "#f", ""] {
        assert_eq!(resolve(None, r), None, "{r:?}");
        assert_eq!(resolve(Some("file:///feeds/x.json"), r), None, "{r:?}");
        assert_eq!(resolve(Some("javascript:alert(1)"), r), None, "{r:?}");
        assert_eq!(resolve(Some("feeds/latest.json"), r), None, "{r:?}");
    }
    // A protocol-relative reference takes the base's scheme.
    assert_eq!(
        resolve(Some("http://a.vn/x"), "//b.vn/y").as_deref(),
        Some("http://b.vn/y")
    );
}

#[test]
fn resolved_urls_resolve_to_themselves() {
    for r in [
        "a b/ảnh.jpg?x=ý#đ",
        "../x/./y/",
        "//cdn.example.vn/a%20b",
        "?q=%E1",
    ] {
        let once = resolve(Some(BASE), r).unwrap();
        assert_eq!(resolve(None, &once).as_deref(), Some(once.as_str()), "{r:?}");
    }
}

#[test]
fn is_http_url_accepts_only_absolute_http() {
    assert!(is_http_url("http://example.com"));
    assert!(is_http_url("HTTPS://example.com/a"));
    assert!(!is_http_url("/relative"));
    assert!(!is_http_url("example.com/a"));
    assert!(!is_http_url("123"));
    assert!(!is_http_url(""));
}

#[test]
fn host_is_read_without_userinfo_or_port() {
    let cases = [
        ("https://vnexpress.net/tin-tuc", Some("vnexpress.net")),
        ("http://user@Example.com:8080/a", Some("Example.com")),
        ("https://example.com", Some("example.com")),
        ("https://example.com?x", Some("example.com")),
        ("http://[::1]:80/", Some("[::1]")),
        ("ftp://example.com/", None),
        ("/relative", None),
        ("https://", None),
    ];
    for (input, want) in cases {
        assert_eq!(host(input), want, "{input:?}");
    }
}

#[test]
fn match_key_treats_these_as_the_same_article() {
    let same = [
        (
            "https://portal.vn/a/b.html",
            "https://portal.vn/a/b.html#comments",
        ),
        ("https://portal.vn/a/b.html", "HTTPS://PORTAL.VN/a/b.html"),
        ("https://portal.vn/a/b", "https://portal.vn/a/b/"),
        ("https://portal.vn", "https://portal.vn/"),
        ("http://portal.vn/a", "http://portal.vn:80/a"),
        ("https://portal.vn/a", "https://portal.vn:443/a"),
        ("http://portal.vn/a", "https://portal.vn/a"),
        (
            "https://portal.vn/a",
            "https://portal.vn/a?utm_source=fb&utm_medium=social",
        ),
        ("https://portal.vn/a", "https://portal.vn/a?fbclid=IwAR0x"),
        (
            "https://portal.vn/a",
            "https://portal.vn/a?gclid=1&dclid=2&msclkid=3&mc_cid=4&mc_eid=5&_ga=6",
        ),
        ("https://portal.vn/a", "https://portal.vn/a?UTM_Campaign=x"),
        (
            "https://portal.vn/a?id=5",
            "https://portal.vn/a?utm_source=x&id=5",
        ),
        (
            "https://portal.vn/a?id=5&p=2",
            "https://portal.vn/a?id=5&fbclid=z&p=2#x",
        ),
        ("https://portal.vn/a", "https://portal.vn/a?"),
        ("https://portal.vn/tin-tức", "https://portal.vn/tin-t%E1%BB%A9c"),
        (
            "https://portal.vn/tin-t%e1%bb%a9c",
            "https://portal.vn/tin-t%E1%BB%A9c",
        ),
        ("https://portal.vn/a/./b", "https://portal.vn/a/b"),
        ("https://editor@portal.vn/a", "https://portal.vn/a"),
        (" https://portal.vn/a\n", "https://portal.vn/a"),
    ];
    for (a, b) in same {
        assert_eq!(match_key(a), match_key(b), "{a:?} vs {b:?}");
        assert!(match_key(a).is_some(), "{a:?}");
    }
}

#[test]
fn match_key_keeps_these_apart() {
    let different = [
        ("https://portal.vn/a/b.html", "https://portal.vn/a/c.html"),
        ("https://portal.vn/a", "https://portal.vn/a/b"),
        ("https://portal.vn/a", "https://portal.vn/A"),
        ("https://portal.vn/a?id=5", "https://portal.vn/a?id=6"),
        ("https://portal.vn/a?id=5", "https://portal.vn/a"),
        ("https://portal.vn/a?p=1&q=2", "https://portal.vn/a?q=2&p=1"),
        ("https://portal.vn/a", "https://other.vn/a"),
        ("https://portal.vn/a", "https://www.portal.vn/a"),
        ("https://portal.vn/a", "https://portal.vn:8443/a"),
        ("https://portal.vn/a", "https://portal.vn/a?utmsource=x"),
        ("https://portal.vn/a", "https://portal.vn/a//"),
    ];
    for (a, b) in different {
        assert_ne!(match_key(a), match_key(b), "{a:?} vs {b:?}");
    }
}

#[test]
fn match_key_is_none_for_non_http() {
    for u in ["javascript:alert(1)", "/a", "", "data:,x"] {
        assert_eq!(match_key(u), None, "{u:?}");
    }
}

#[test]
fn srcset_keeps_only_http_candidates_resolved() {
    let cases: [(&str, Option<&str>); 10] = [
        (
            "a-320.jpg 320w, a-640.jpg 640w",
            Some(
                "https://news.example.vn/feeds/a-320.jpg 320w, https://news.example.vn/feeds/a-640.jpg 640w",
            ),
        ),
        (
            "javascript:alert(1) 1x, https://cdn.vn/a.jpg 2x",
            Some("https://cdn.vn/a.jpg 2x"),
        ),
        ("data:image/png;base64,AAAA 1x", None),
        ("", None),
        (" , , ", None),
        ("https://cdn.vn/a.jpg", Some("https://cdn.vn/a.jpg")),
        // As in HTML, a comma inside a run of non-space is part of the URL; a trailing one ends it.
        (
            "https://cdn.vn/a.jpg,https://cdn.vn/b.jpg 2x",
            Some("https://cdn.vn/a.jpg,https://cdn.vn/b.jpg 2x"),
        ),
        (
            "https://cdn.vn/a.jpg, https://cdn.vn/b.jpg 2x",
            Some("https://cdn.vn/a.jpg, https://cdn.vn/b.jpg 2x"),
        ),
        ("https://cdn.vn/a.jpg 1.5x", Some("https://cdn.vn/a.jpg 1.5x")),
        // A descriptor that is not a width or density is dropped; the URL stays.
        (
            "https://cdn.vn/a.jpg onerror=alert(1)",
            Some("https://cdn.vn/a.jpg"),
        ),
    ];
    for (input, want) in cases {
        assert_eq!(sanitize_srcset(input, Some(BASE)).as_deref(), want, "{input:?}");
    }
    assert_eq!(sanitize_srcset("a.jpg 1x", None), None);
}

#[test]
fn url_functions_never_panic_on_odd_input() {
    let odd = [
        "",
        ":",
        "::",
        "//",
        "///",
        "?",
        "#",
        "%",
        "%%",
        "%zz",
        "[",
        "]",
        "http://[",
        "http://[]",
        "http://]:",
        "a:b:c",
        "\u{0}",
        "\u{feff}http://a.vn",
        "http://a.vn:",
        "http://a.vn:/",
        "http://ä.vn:65535",
        "http://a.vn/\u{10ffff}",
        "ﬀ://x",
        "é:",
        "../../../../../../",
        "http://a.vn/%2e%2E/%2e",
        ",",
        ", ,",
    ];
    for a in odd {
        for b in odd {
            let _ = resolve(Some(a), b);
            let _ = sanitize_srcset(b, Some(a));
        }
        let _ = resolve(None, a);
        let _ = match_key(a);
        let _ = host(a);
        let _ = is_http_url(a);
    }
}

#[test]
fn an_empty_or_blank_reference_is_missing_not_the_base_itself() {
    for r in ["", "   ", "\t\n", "\u{0}"] {
        assert_eq!(
            resolve(Some("https://news.example.vn/feeds/latest.json"), r),
            None,
            "{r:?}"
        );
    }
}

#[test]
fn a_host_in_full_width_or_capital_letters_is_the_host_the_browser_goes_to() {
    for (input, want) in [
        (
            "https://ｔｉｎ．ｅｘａｍｐｌｅ．ｖｎ/bai-1.html",
            "https://tin.example.vn/bai-1.html",
        ),
        ("https://ＴＩＮ。example｡vn/a", "https://tin.example.vn/a"),
        ("https://tin-２４ｈ.example.vn/a", "https://tin-24h.example.vn/a"),
        ("https://BÁO.Example.VN/a", "https://báo.example.vn/a"),
    ] {
        assert_eq!(resolve(None, input).as_deref(), Some(want), "{input:?}");
        assert_eq!(match_key(input), match_key(want), "{input:?}");
    }
    // Full-width punctuation is not mapped to what would change the URL's structure.
    assert_eq!(resolve(None, "https://example．vn／evil.test/"), None);
    assert_eq!(resolve(None, "https://example.vn：8080/"), None);
}

#[test]
fn the_pages_own_scheme_without_slashes_is_a_relative_reference() {
    let cases = [
        ("https:a/b", Some("https://news.example.vn/feeds/a/b")),
        ("HTTPS:?q", Some("https://news.example.vn/feeds/latest.json?q")),
        ("https:/a", Some("https://news.example.vn/a")),
        // Another scheme is absolute: its first name is the host.
        ("http:a/b", Some("http://a/b")),
        ("http:/a", Some("http://a/")),
        // Relative or not, only http(s) comes out.
        (
            "https:javascript:__pwned=1",
            Some("https://news.example.vn/feeds/javascript:__pwned=1"),
        ),
    ];
    for (r, want) in cases {
        assert_eq!(resolve(Some(BASE), r).as_deref(), want, "{r:?}");
    }
    // Without a base there is nothing to be relative to.
    assert_eq!(resolve(None, "https:a/b").as_deref(), Some("https://a/b"));
}

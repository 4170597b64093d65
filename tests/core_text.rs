//! Entity decoding, HTML to plain text, title clean-up, first image and truncation.

use std::borrow::Cow;

use news_widget::core::text::{clean_text, decode_entities, first_img_src, html_to_text, truncate_chars};

#[test]
fn entities_decode() {
    let cases = [
        ("&amp; &lt; &gt; &quot; &apos;", "& < > \" '"),
        ("a&nbsp;b", "a\u{a0}b"),
        ("Blog &#8211; InfluxData", "Blog – InfluxData"),
        ("&#x2013;&#X2014;&#x1F600;", "–—😀"),
        ("&ndash;&mdash;&hellip;", "–—…"),
        ("&lsquo;x&rsquo; &ldquo;y&rdquo; &laquo;z&raquo;", "‘x’ “y” «z»"),
        ("&copy; &reg; &trade;", "© ® ™"),
        ("Qu&eacute;bec &Eacute;", "Québec É"),
        ("H&agrave; N&#7897;i", "Hà Nội"),
        ("&Dstrok;&agrave; N&#7861;ng", "Đà Nẵng"),
        ("&#150;&#147;x&#148;", "–“x”"),
        ("&#39;", "'"),
        ("&#8211", "–"),
        ("&amp;amp;", "&amp;"),
    ];
    for (input, want) in cases {
        assert_eq!(decode_entities(input), want, "{input:?}");
    }
}

#[test]
fn unknown_or_incomplete_entities_stay_as_written() {
    for s in [
        "AT&T",
        "&unknown;",
        "a & b",
        "&",
        "&;",
        "&#;",
        "&#x;",
        "&amp",
        "&lt",
        "&#xZZ;",
        "x&y=1&z=2",
    ] {
        assert_eq!(decode_entities(s), s, "{s:?}");
    }
}

#[test]
fn invalid_code_points_become_replacement_characters() {
    for s in [
        "&#0;",
        "&#xD800;",
        "&#xDFFF;",
        "&#x110000;",
        "&#99999999999999999999;",
        "&#x7FFFFFFFFFFF;",
    ] {
        assert_eq!(decode_entities(s), "\u{fffd}", "{s:?}");
    }
}

#[test]
fn decoding_borrows_when_nothing_changes() {
    assert!(matches!(decode_entities("Tin mới nhất"), Cow::Borrowed(_)));
    assert!(matches!(decode_entities("a &amp; b"), Cow::Owned(_)));
}

#[test]
fn html_becomes_plain_text() {
    let cases = [
        ("<p>Hello <b>world</b></p>", "Hello world"),
        ("<p>One</p><p>Two</p>", "One Two"),
        ("line<br>break<br/>again<BR />end", "line break again end"),
        ("<div>a</div><div>b</div>", "a b"),
        ("Vi<b>ệ</b>t Nam", "Việt Nam"),
        ("a <!-- hidden --> b", "a b"),
        ("a<!-- <p>x</p> -->b", "ab"),
        ("<script>alert('x')</script>visible", "visible"),
        (
            "<SCRIPT type=\"text/javascript\">var a = '</p>';</SCRIPT>after",
            "after",
        ),
        ("<style>p { color: red }</style>text", "text"),
        ("Tom &amp; Jerry &lt;3", "Tom & Jerry <3"),
        (
            "&lt;script&gt;alert(1)&lt;/script&gt;",
            "<script>alert(1)</script>",
        ),
        ("<a href=\"x\" title=\"a > b\">link</a>", "link"),
        ("a < b and c > d", "a < b and c > d"),
        ("  spaced \n\t text  ", "spaced text"),
        ("x&nbsp;&nbsp;y", "x y"),
        ("<img src=a.jpg>caption", "caption"),
        ("", ""),
        ("<p></p>", ""),
        ("unclosed <b", "unclosed"),
        ("<script>never closed", ""),
        ("<![CDATA[x]]>y", "y"),
        ("<?xml version=\"1.0\"?>z", "z"),
    ];
    for (input, want) in cases {
        assert_eq!(html_to_text(input), want, "{input:?}");
    }
}

#[test]
fn vnexpress_description_keeps_text_after_malformed_br() {
    // The VnExpress feed puts the thumbnail, then a stray "</br>", then the summary in its description.
    let html = "<a href=\"https://vnexpress.net/tin-tuc/thoi-su/x-3618181.html\"><img width=130 height=100 \
                src=\"https://img.vnecdn.net/2017/07/26/a_180x108.jpg\" ></a></br>Bộ trưởng Nội vụ cho biết \
                việc sắp xếp sẽ làm từ năm 2018.";
    assert_eq!(
        html_to_text(html),
        "Bộ trưởng Nội vụ cho biết việc sắp xếp sẽ làm từ năm 2018."
    );
    assert_eq!(
        first_img_src(html).as_deref(),
        Some("https://img.vnecdn.net/2017/07/26/a_180x108.jpg")
    );
}

#[test]
fn clean_text_decodes_and_collapses_but_keeps_markup_literal() {
    assert_eq!(clean_text("\n   Tin mới &#8211; nhất \n "), "Tin mới – nhất");
    assert_eq!(clean_text("<b>bold</b>"), "<b>bold</b>");
    assert_eq!(
        clean_text("&lt;img src=x onerror=alert(1)&gt;"),
        "<img src=x onerror=alert(1)>"
    );
    assert_eq!(clean_text("\u{a0}a\u{a0}\u{a0}b\u{a0}"), "a b");
    assert_eq!(clean_text(""), "");
}

#[test]
fn first_img_src_reads_quoted_and_unquoted_values() {
    let cases: [(&str, Option<&str>); 12] = [
        ("<img src=\"a.jpg\">", Some("a.jpg")),
        ("<img src='a.jpg'>", Some("a.jpg")),
        ("<img src=a.jpg>", Some("a.jpg")),
        ("<img width=130 height=100 src=a.jpg alt=x>", Some("a.jpg")),
        ("<IMG SRC=\"A.JPG\">", Some("A.JPG")),
        ("<img data-src=\"lazy.jpg\" src=\"real.jpg\">", Some("real.jpg")),
        ("<img src=\"a.jpg?x=1&amp;y=2\">", Some("a.jpg?x=1&y=2")),
        (
            "<p>text</p><img alt=\"a > b\" src=\"a.jpg\"/><img src=b.jpg>",
            Some("a.jpg"),
        ),
        ("<imgx src=\"no.jpg\"><img src=\"yes.jpg\">", Some("yes.jpg")),
        ("<img src=\"\">", None),
        ("<img alt=x>", None),
        ("no image", None),
    ];
    for (input, want) in cases {
        assert_eq!(first_img_src(input).as_deref(), want, "{input:?}");
    }
    // Unterminated tags and values do not panic.
    for s in [
        "<img",
        "<img src",
        "<img src=",
        "<img src=\"a.jpg",
        "<img src='",
        "<img/src=a.jpg",
    ] {
        let _ = first_img_src(s);
    }
    assert_eq!(first_img_src("<img src=\"a.jpg").as_deref(), Some("a.jpg"));
}

#[test]
fn truncation_cuts_at_char_boundaries_and_marks_the_cut() {
    assert_eq!(truncate_chars("Hà Nội", 10), "Hà Nội");
    assert_eq!(truncate_chars("Hà Nội", 6), "Hà Nội");
    assert_eq!(truncate_chars("Hà Nội", 2), "Hà…");
    assert_eq!(truncate_chars("Hà Nội", 3), "Hà…");
    assert_eq!(truncate_chars("Hà Nội", 4), "Hà N…");
    assert_eq!(truncate_chars("ệệệ", 1), "ệ…");
    assert_eq!(truncate_chars("abc", 0), "…");
    assert_eq!(truncate_chars("", 0), "");
}

#[test]
fn text_functions_never_panic_on_odd_markup() {
    let odd = [
        "<",
        ">",
        "</",
        "<!",
        "<!-",
        "<!--",
        "<!-- x",
        "<a",
        "<a href=\"",
        "</br",
        "</br>",
        "&",
        "&#",
        "&#x",
        "<script",
        "<script>",
        "</script>",
        "<style",
        "<<>>",
        "<\u{e9}>",
        "é<é",
        "<a title='x>y",
        "\u{0}<\u{0}>",
    ];
    for s in odd {
        let _ = html_to_text(s);
        let _ = decode_entities(s);
        let _ = first_img_src(s);
        let _ = clean_text(s);
        for n in 0..4 {
            let _ = truncate_chars(s, n);
        }
    }
}

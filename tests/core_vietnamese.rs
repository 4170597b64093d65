//! Vietnamese text as portals and CMSs really write it: precomposed (NFC) or decomposed (NFD) letters, Đ
//! typed as U+00D0 (Ð, the Icelandic eth, as the seed article page does most of the time) or U+0110, any
//! letter case, and readers typing without diacritics. Pins the comparison key (`text::fold_key`), the
//! `tag` filter of every kind of block, the current article found by the page's title, and that text is
//! displayed in NFC (`Feed::normalize_text`, here with a normalisation crate standing in for the
//! browser's `String.prototype.normalize`). Native only: the crate is a native dev-dependency.
#![cfg(not(target_arch = "wasm32"))]

use news_widget::core::model::{Article, Feed, ImageRef};
use news_widget::core::parse::parse_feed;
use news_widget::core::select::{self, has_tag, Current, Seen};
use news_widget::core::text::{fold_key, needs_nfc};
use unicode_normalization::UnicodeNormalization;

fn nfd(s: &str) -> String {
    s.nfd().collect()
}

fn nfc(s: &str) -> String {
    s.nfc().collect()
}

fn art(id: &str, title: &str, tags: &[&str]) -> Article {
    Article {
        id: id.to_owned(),
        url: format!("https://baothainguyen.example/{id}.html"),
        title: title.to_owned(),
        summary: None,
        image: Some(format!("https://baothainguyen.example/img/{id}.jpg")),
        image_alt: None,
        image_srcset: None,
        published: None,
        tags: tags.iter().map(|t| (*t).to_owned()).collect(),
        authors: Vec::new(),
        images: Vec::new(),
        source: None,
    }
}

/// Every precomposed letter of Vietnamese, lowercase; with their capitals, the 134 of the folding table.
const LETTERS: &str = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ";

#[test]
fn every_vietnamese_letter_folds_to_its_base_letter_in_nfc_nfd_and_either_case() {
    let letters: Vec<char> = LETTERS.chars().collect();
    assert_eq!(letters.len(), 67);
    let upper: String = LETTERS.to_uppercase();
    assert_eq!(upper.chars().count(), 67, "each capital is one code point too");
    for c in LETTERS.chars().chain(upper.chars()) {
        let s = c.to_string();
        let base = if c == 'đ' || c == 'Đ' {
            "d".to_owned()
        } else {
            nfd(&s)
                .chars()
                .next()
                .map(|b| b.to_ascii_lowercase().to_string())
                .unwrap_or_default()
        };
        assert_eq!(fold_key(&s), base, "{c} (U+{:04X})", u32::from(c));
        assert_eq!(fold_key(&nfd(&s)), base, "{c} decomposed");
    }
}

#[test]
fn nfc_nfd_eth_dstroke_case_and_missing_diacritics_all_give_one_key() {
    // The seed page writes "Ðảng" with U+00D0 and, twice, "Đảng" with U+0110.
    let forms = [
        "Xây dựng \u{d0}ảng",
        "Xây dựng \u{110}ảng",
        "XÂY DỰNG ĐẢNG",
        "xây dựng đảng",
        "xay dung dang",
        "  Xây   dựng\t\u{d0}ảng ",
    ];
    let mut all: Vec<String> = forms.iter().map(|f| (*f).to_owned()).collect();
    all.extend(forms.iter().map(|f| nfd(f)));
    for f in &all {
        assert_eq!(fold_key(f), "xay dung dang", "{f:?}");
    }
    assert_eq!(fold_key("ð"), "d", "the lowercase eth too");
    assert_ne!(fold_key("Chính trị"), fold_key("Kinh tế"));
    assert_eq!(fold_key("Quốc phòng - An ninh"), "quoc phong - an ninh");
    assert_eq!(
        fold_key("Ça va, Øresund"),
        "ça va, øresund",
        "letters outside Vietnamese keep their marks"
    );
}

#[test]
fn the_tag_filter_matches_whatever_form_the_feed_or_the_attribute_uses() {
    let politics = art("a", "Tin chính trị", &["Chính trị", "Xây dựng \u{d0}ảng"]);
    let decomposed = art("b", "Tin NFD", &[&nfd("Chính trị")]);
    let other = art("c", "Tin kinh tế", &["Kinh tế"]);
    for want in [
        "Chính trị",
        "chinh tri",
        "CHÍNH TRỊ",
        &nfd("Chính trị"),
        " chính  trị ",
    ] {
        assert!(has_tag(&politics, want), "{want:?}");
        assert!(has_tag(&decomposed, want), "{want:?} on an NFD tag");
        assert!(!has_tag(&other, want), "{want:?}");
    }
    for want in ["Xây dựng Đảng", "xay dung dang", "Xây dựng \u{d0}ảng"] {
        assert!(has_tag(&politics, want), "{want:?}");
    }
    assert!(!has_tag(&politics, "chinh"), "a whole tag, not a prefix");

    // Every kind that lists items goes through the same filter.
    let items = [politics.clone(), decomposed.clone(), other.clone()];
    let ids = |list: Vec<Article>| list.into_iter().map(|a| a.id).collect::<Vec<_>>();
    assert_eq!(ids(select::latest(&items, Some("chinh tri"), 10)), ["a", "b"]);
    let none = Current::default();
    assert_eq!(
        ids(select::others(
            &items,
            Some("CHINH TRI"),
            &none,
            &mut Seen::default()
        )),
        ["a", "b"]
    );
    let gallery: Vec<usize> = select::gallery(&items, Some(&nfd("chính trị")), 12)
        .into_iter()
        .map(|g| g.article)
        .collect();
    assert_eq!(gallery, [0, 1]);
}

#[test]
fn the_current_article_is_found_by_the_page_title_when_no_id_or_url_matches() {
    let seed = art(
        "260118",
        "\u{110}ưa nghị quyết của \u{110}ảng vào cuộc sống",
        &["Chính trị"],
    );
    let other = art(
        "263473",
        "Thái Nguyên chuẩn bị chu đáo các hoạt động kỷ niệm",
        &[],
    );
    let items = [other.clone(), seed.clone()];
    // A page served under another URL than the feed knows (a preview, a mirror): only its title tells.
    let page = Some("https://preview.example/bai-viet?id=1");
    for title in [
        "Ðưa nghị quyết của Ðảng vào cuộc sống - Báo Thái Nguyên điện tử",
        "Đưa nghị quyết của Đảng vào cuộc sống | Báo Thái Nguyên điện tử",
        &nfd("ĐƯA NGHỊ QUYẾT CỦA ĐẢNG VÀO CUỘC SỐNG"),
    ] {
        let current = Current::new(None, None, page).with_title(Some(title));
        let shown = select::others(&items, None, &current, &mut Seen::default());
        let ids: Vec<&str> = shown.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["263473"], "{title:?}");
    }
    // When an item is the current article by URL, the title is not looked at.
    let by_url = Current::new(None, Some("https://baothainguyen.example/263473.html"), page)
        .with_title(Some("Đưa nghị quyết của Đảng vào cuộc sống"));
    let shown = select::others(&items, None, &by_url, &mut Seen::default());
    assert_eq!(
        shown.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(),
        ["260118"]
    );
    // A title that only shares the site's name matches nothing.
    let site_only = Current::new(None, None, page).with_title(Some("Báo Thái Nguyên điện tử"));
    assert_eq!(
        select::others(&items, None, &site_only, &mut Seen::default()).len(),
        2
    );
}

#[test]
fn decomposed_feed_text_is_displayed_in_nfc_and_only_decomposed_strings_are_touched() {
    let title = "Thành phố Thái Nguyên đối thoại với nhân dân";
    let body = format!(
        r#"{{"version": "https://jsonfeed.org/version/1.1", "title": "{feed}", "items": [
            {{"id": "1", "url": "https://bao.example.vn/1.html", "title": "{t}", "summary": "{s}",
              "tags": ["{tag}"], "authors": [{{"name": "{au}"}}],
              "attachments": [{{"url": "https://bao.example.vn/1.jpg", "mime_type": "image/jpeg", "title": "{cap}"}}]}},
            {{"id": "2", "url": "https://bao.example.vn/2.html", "title": "Ðã là NFC"}}]}}"#,
        feed = nfd("Báo điện tử"),
        t = nfd(title),
        s = nfd("Giữ vững kỷ cương"),
        tag = nfd("Chính trị"),
        au = nfd("Thu Thảo"),
        cap = nfd("Lãnh đạo tỉnh kiểm tra. Ảnh: THU THẢO"),
    );
    let mut feed: Feed =
        parse_feed(body.as_bytes(), Some("https://bao.example.vn/feed.json"), None).expect("parses");
    let first = feed.items.first().expect("item");
    assert_ne!(first.title, title, "the feed sent NFD");
    assert!(needs_nfc(&first.title));
    let calls = std::cell::Cell::new(0);
    feed.normalize_text(&|s: &str| {
        calls.set(calls.get() + 1);
        nfc(s)
    });
    assert_eq!(calls.get(), 6, "the six decomposed strings, nothing else");
    let a = feed.items.first().expect("item");
    assert_eq!(a.title, title);
    assert_eq!(a.summary.as_deref(), Some("Giữ vững kỷ cương"));
    assert_eq!(a.tags, ["Chính trị"]);
    assert_eq!(a.authors, ["Thu Thảo"]);
    assert_eq!(
        a.images.first().map(|i: &ImageRef| i.caption.as_str()),
        Some("Lãnh đạo tỉnh kiểm tra. Ảnh: THU THẢO")
    );
    assert_eq!(feed.title.as_deref(), Some("Báo điện tử"));
    assert_eq!(
        feed.items.get(1).map(|a| a.title.as_str()),
        Some("\u{d0}ã là NFC"),
        "NFC keeps Ð as it is: it is another letter, only comparisons fold it"
    );
    assert!(!needs_nfc("Đưa nghị quyết vào cuộc sống"));
    assert!(!needs_nfc("ASCII only"));
}

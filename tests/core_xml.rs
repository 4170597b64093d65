//! RSS 0.9x / 1.0 / 2.0 and Atom into articles: every XML file in tests/fixtures/real/ (real publishers' feeds,
//! kept byte for byte) with its quirks, then the rules one by one on small hand-written feeds
//! (thumbnail preference, xml:base, namespaces, skipping, malformed and hostile input).

// Native only: `parse_feed` and the other native entry points read JSON with serde_json, which the WASM
// build does not have (the browser runs the JSON test files, see tests/json_support/mod.rs).
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;

use news_widget::core::model::{Article, Feed, FeedError, FeedFormat};
use news_widget::core::parse::{detect_format, parse_feed};
use news_widget::core::xml::{parse_xml_feed, XmlText};

fn real_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real")
}

/// A real fixture, checked to be detected as `format` and to parse the same through the dispatcher.
fn real(name: &str, format: FeedFormat, feed_url: &str) -> Feed {
    let body = std::fs::read(real_dir().join(name)).unwrap();
    assert_eq!(detect_format(&body), Some(format), "{name}");
    let direct = parse_xml_feed(&body, Some(feed_url)).unwrap();
    assert_eq!(parse_feed(&body, Some(feed_url), None).unwrap(), direct, "{name}");
    direct
}

fn parse(xml: &str) -> Feed {
    parse_xml_feed(xml.as_bytes(), Some("https://example.vn/rss/tin-moi.rss")).unwrap()
}

/// An RSS 2.0 feed around the given items.
fn rss(items: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/" xmlns:dc="http://purl.org/dc/elements/1.1/"
     xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">
<channel><title>Báo Mẫu</title><link>https://example.vn/</link>{items}</channel></rss>"#
    )
}

fn only_item(feed: &Feed) -> &Article {
    assert_eq!(feed.items.len(), 1, "{feed:#?}");
    &feed.items[0]
}

// ---------------------------------------------------------------------------------------------------------
// Real feeds.

#[test]
fn every_real_xml_file_parses_with_usable_items() {
    let mut seen = 0;
    for entry in std::fs::read_dir(real_dir()).unwrap() {
        let path = entry.unwrap().path();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default();
        if ext != "xml" && ext != "rss" {
            continue;
        }
        let body = std::fs::read(&path).unwrap();
        let feed = parse_feed(&body, Some("https://example.org/feed.xml"), None).unwrap();
        assert!(!feed.items.is_empty(), "{path:?}");
        assert!(feed.warnings.is_empty(), "{path:?}: {:?}", feed.warnings);
        for a in &feed.items {
            assert!(
                a.url.starts_with("https://") || a.url.starts_with("http://"),
                "{path:?}: {}",
                a.url
            );
            assert!(!a.title.is_empty() && !a.id.is_empty(), "{path:?}");
            assert!(a.published.is_some(), "{path:?}: {}", a.title);
            assert_eq!(a.title, a.title.trim(), "{path:?}");
        }
        seen += 1;
    }
    assert_eq!(seen, 8, "expected the eight RSS/Atom fixtures");
}

#[test]
fn vnexpress_padded_titles_and_links_are_trimmed_and_the_thumbnail_comes_from_the_cdata_img() {
    let feed = real(
        "vnexpress_tin-moi-nhat_2017-07-26.rss",
        FeedFormat::Rss,
        "https://vnexpress.net/rss/tin-moi-nhat.rss",
    );
    assert_eq!(feed.title.as_deref(), Some("Tin mới nhất - VnExpress RSS"));
    assert_eq!(feed.items.len(), 25);
    let a = &feed.items[0];
    assert_eq!(
        a.title,
        "Một tuần Hà Nội có 1.400 người bệnh sốt xuất huyết vào viện"
    );
    assert_eq!(
        a.url,
        "http://suckhoe.vnexpress.net/tin-tuc/suc-khoe/mot-tuan-ha-noi-co-1-400-nguoi-benh-sot-xuat-huyet-vao-vien-3618863.html"
    );
    assert_eq!(a.id, a.url, "the guid is the URL");
    // Wed, 26 Jul 2017 19:41:14 +0700.
    assert_eq!(a.published, Some(1_501_072_874));
    assert_eq!(
        a.image.as_deref(),
        Some("https://i-suckhoe.vnecdn.net/2017/07/26/sotxuathuyet2671-1501066281_180x108.jpg")
    );
    // The malformed `</br>` after the image neither survives nor eats the text.
    assert_eq!(
        a.summary.as_deref(),
        Some("Từ ngày 17-23/7, Hà Nội ghi nhận 1.400 ca sốt xuất huyết, hai người tử vong do kèm bệnh lý tiểu đường, tăng huyết áp.")
    );
    assert!(
        a.images.is_empty(),
        "no media elements: the gallery falls back to the thumbnail"
    );
    assert!(a.authors.is_empty() && a.tags.is_empty());

    for a in &feed.items {
        let image = a.image.as_deref().unwrap_or_default();
        assert!(
            image.starts_with("https://") && image.contains("_180x108."),
            "{}: {image}",
            a.title
        );
        let summary = a.summary.as_deref().unwrap_or_default();
        assert!(
            !summary.is_empty() && !summary.contains('<') && !summary.contains('>'),
            "{summary}"
        );
        assert!(!a.url.contains('\n') && !a.title.contains('\n'));
    }
    // Seven items share 19:00:00 +0700 (12:00 UTC).
    assert_eq!(
        feed.items
            .iter()
            .filter(|a| a.published == Some(1_501_070_400))
            .count(),
        7
    );
    let english = feed
        .items
        .iter()
        .find(|a| a.url.starts_with("http://e.vnexpress.net/"))
        .unwrap();
    assert_eq!(
        english.title,
        "Hanoi woman's Facebook rant goes viral after red tape delays family funeral"
    );
    let last = feed.items.last().unwrap();
    assert_eq!(
        last.title,
        "Tài xế mở cửa ôtô hất người đi xe máy ngã xuống đường"
    );
    assert_eq!(last.published, Some(1_501_064_075));
}

#[test]
fn bbc_podcast_item_has_no_image_because_its_media_is_audio() {
    let feed = real(
        "rss_2.0_bbc.xml",
        FeedFormat::Rss,
        "https://podcasts.files.bbci.co.uk/b006qykl.rss",
    );
    assert_eq!(feed.title.as_deref(), Some("In Our Time"));
    assert_eq!(
        feed.home_page_url.as_deref(),
        Some("http://www.bbc.co.uk/programmes/b006qykl")
    );
    let a = only_item(&feed);
    assert_eq!(a.title, "Marcus Aurelius");
    assert_eq!(a.url, "http://www.bbc.co.uk/programmes/m000sjxt");
    assert_eq!(a.id, "urn:bbc:podcast:m000sjxt");
    assert_eq!(a.published, Some(1_614_248_100));
    assert_eq!(a.summary.as_deref(), Some("Melvyn Bragg and guests discuss..."));
    // The enclosure and media:content are audio/mpeg; the channel's itunes:image is not the item's.
    assert_eq!(a.image, None);
    assert!(a.images.is_empty());
    assert_eq!(
        a.authors,
        ["BBC Radio 4"],
        "itunes:author when nothing else names one"
    );
}

#[test]
fn spiegel_title_is_trimmed_and_image_comes_from_image_media_content_not_the_audio_one() {
    let feed = real(
        "rss_2.0_spiegel.xml",
        FeedFormat::Rss,
        "https://www.spiegel.de/feed.rss",
    );
    assert_eq!(feed.title.as_deref(), Some("SPIEGEL Update – Die Nachrichten"));
    assert_eq!(
        feed.next_url.as_deref(),
        Some("https://www.omnycontent.com/d/playlist/5ac1e950-45c7-4eb7-87c0-aa0f018441b8/bb17ca27-51f4-4349-bc1e-abc00102c975/4c18e072-24d2-4d60-9a42-abc00102c97e/podcast.rss?page=2"),
        "atom:link rel=next"
    );
    let a = only_item(&feed);
    assert_eq!(
        a.title,
        "07.02. – die Wochenvorschau: Lockdown-Verlängerung, Kriegsverbrecher vor Gericht, Super Bowl, Karneval"
    );
    assert_eq!(
        a.url,
        "https://omny.fm/shows/spiegel-update-die-nachrichten/07-02-die-wochenvorschau-lockdown-verl-ngerung-kri"
    );
    assert_eq!(a.id, "c7e3cca2-665e-4bc4-bcac-acc6011b9fa2");
    assert_eq!(a.published, Some(1_612_652_460));
    let image = "https://www.omnycontent.com/d/programs/5ac1e950-45c7-4eb7-87c0-aa0f018441b8/bb17ca27-51f4-4349-bc1e-abc00102c975/image.jpg?t=1589902935&size=Large";
    assert_eq!(
        a.image.as_deref(),
        Some(image),
        "`&amp;` in the attribute is decoded"
    );
    assert_eq!(a.images.len(), 1);
    assert_eq!(a.images[0].url, image);
    assert_eq!(
        a.images[0].caption, a.title,
        "no media:title: the item title is the caption"
    );
    assert_eq!(
        a.summary.as_deref(),
        Some("Die wichtigsten Nachrichten aus der SPIEGEL-Redaktion. See omnystudio.com/listener for privacy information.")
    );
}

#[test]
fn nbcny_cdata_fields_and_its_us_style_date_are_read() {
    let feed = real(
        "rss_2.0_nbcny.xml",
        FeedFormat::Rss,
        "https://www.nbcnewyork.com/feed/",
    );
    assert_eq!(feed.title.as_deref(), Some("NBC New York"), "CDATA channel title");
    let a = only_item(&feed);
    assert_eq!(
        a.title,
        "NYC cops search for stabbing suspect after leaving 18-year-old to bleed out on sidewalk"
    );
    assert_eq!(
        a.url,
        "https://www.nbcnewyork.com/news/local/nyc-cops-search-for-stabbing-suspect-after-leaving-18-year-old-to-bleed-out-on-sidewalk/4956764/"
    );
    assert_eq!(a.id, "4956764");
    // "Sat, Dec 16 2023 02:02:33 PM": month before day, 12-hour clock, no zone (taken as UTC).
    assert_eq!(a.published, Some(1_702_735_353));
    assert_eq!(a.authors, ["Gaby Acevedo and Jessica Cunnington"]);
    assert_eq!(a.tags, ["post"]);
    assert_eq!(
        a.summary.as_deref(),
        Some("A young man was left for dead on a Manhattan sidewalk late Friday, bleeding out from multiple stab wounds across his body, police said.")
    );
}

#[test]
fn ilgiornale_escaped_html_description_gives_image_and_text_and_the_author_comes_from_parentheses() {
    let feed = real(
        "rss_2.0_ilgiornale.xml",
        FeedFormat::Rss,
        "https://www.ilgiornale.it/feed.xml",
    );
    let a = only_item(&feed);
    assert_eq!(
        a.title,
        "Arrestato in Pakistan Shabbar Abbas. In Italia è accusato per l'omicidio di Saman"
    );
    assert_eq!(a.published, Some(1_668_543_304), "zone written as `Z`");
    assert_eq!(
        a.image.as_deref(),
        Some("https://img.ilgcdn.com/sites/default/files/styles/md/public/foto/2022/09/30/1664568527-schermata-2022-09-30-214250.jpg?_=1664568527")
    );
    // `&amp;#39;` is an escaped HTML reference: XML gives `&#39;`, HTML gives `'`.
    assert_eq!(
        a.summary.as_deref(),
        Some("È stato arrestato in Pakistan per frode Shabbar, padre di Saman Abbas. In Italia l'uomo è accusato di essere il mandante di un presunto delitto d'onore")
    );
    assert_eq!(a.authors, ["Angela Leucci"], "\"redazione@… (Angela Leucci)\"");
    assert_eq!(a.tags, ["Cronaca nera"]);
}

#[test]
fn relurl_items_with_xml_base_keep_their_absolute_links() {
    let feed = real(
        "rss_2.0_relurl_1.xml",
        FeedFormat::Rss,
        "https://insanity.industries/index.xml",
    );
    assert_eq!(feed.title.as_deref(), Some("Insanity Industries"));
    assert_eq!(feed.items.len(), 2);
    let [a, b] = &feed.items[..] else { unreachable!() };
    assert_eq!(a.title, "Pareto-optimal compression");
    assert_eq!(
        a.url,
        "https://insanity.industries/post/pareto-optimal-compression/"
    );
    assert_eq!(a.published, Some(1_614_724_755));
    assert_eq!(a.authors, ["Jonas Große Sundrup"]);
    assert_eq!(
        a.summary.as_deref(),
        Some(
            "Everyone wants good compression. But what exactly is good compression? Time for a closer look."
        )
    );
    assert_eq!(b.title, "Tracking leftover packages with pacman");
    assert_eq!(
        b.url,
        "https://insanity.industries/post/pacman-tracking-leftover-packages/"
    );
    assert_eq!(b.published, Some(1_613_174_400));
}

#[test]
fn relurl_feed_with_relative_links_resolves_them_against_each_items_xml_base() {
    // The same feed with its item links and a content image made relative.
    let body = std::fs::read_to_string(real_dir().join("rss_2.0_relurl_1.xml"))
        .unwrap()
        .replace(
            "<link>https://insanity.industries/post/pareto-optimal-compression/</link>",
            "<link>./</link>",
        )
        .replace(
            "<link>https://insanity.industries/post/pacman-tracking-leftover-packages/</link>",
            "<link>../x/</link>",
        )
        .replace("<![CDATA[ <p>", "<![CDATA[ <img src=\"cover.png\"><p>");
    let feed = parse_xml_feed(body.as_bytes(), Some("https://insanity.industries/index.xml")).unwrap();
    assert_eq!(
        feed.items[0].url,
        "https://insanity.industries/post/pareto-optimal-compression/"
    );
    assert_eq!(feed.items[1].url, "https://insanity.industries/post/x/");
    assert_eq!(
        feed.items[1].image.as_deref(),
        Some("https://insanity.industries/post/pacman-tracking-leftover-packages/cover.png"),
        "content:encoded's <img> is the fallback thumbnail"
    );
}

#[test]
fn atom_xml_base_entry_links_to_its_id_and_its_content_image_resolves_against_the_content_base() {
    let feed = real("atom_xml_base.xml", FeedFormat::Atom, "https://numi.st/feed.xml");
    assert_eq!(feed.title.as_deref(), Some("my cool website title"));
    let a = only_item(&feed);
    assert_eq!(a.title, "my cool entry title");
    assert_eq!(
        a.url, "https://numi.st/post/2022/travel-uke",
        "no <link>: the http(s) id is the link"
    );
    assert_eq!(a.id, "https://numi.st/post/2022/travel-uke");
    assert_eq!(
        a.image.as_deref(),
        Some("https://numi.st/post/2022/travel-uke/IMG_1232.jpeg")
    );
    assert_eq!(a.published, Some(1_650_499_200), "only <updated> is given");
    assert_eq!(a.authors, ["Not Blank"]);
    assert_eq!(a.summary, None, "the content has no text");
}

#[test]
fn atom_mediarss_newscred_reads_media_content_with_its_description_caption_size_and_thumbnail() {
    let feed = real(
        "atom_mediarss_newscred_1.xml",
        FeedFormat::Atom,
        "https://www.example.com/feed.atom",
    );
    let a = only_item(&feed);
    assert_eq!(a.title, "The Day Off: Tampa");
    assert_eq!(a.url, "http://www.example.com/the-day-off-tampa");
    assert_eq!(a.id, "75ffea6b731bb4534f3138fd6b726791");
    assert_eq!(
        a.published,
        Some(1_554_498_280),
        "<published> wins over <updated>"
    );
    assert_eq!(a.authors, ["Some author"]);
    assert_eq!(a.summary.as_deref(), Some("Some text"));
    assert_eq!(a.images.len(), 1);
    let img = &a.images[0];
    assert_eq!(
        img.url,
        "https://www.example.com/Zz1hNjRiMWFjMzdhYWIzNTEwNjk2YjIzYjc5NWQxNWFlMA==/.jpeg"
    );
    assert_eq!(
        img.caption, "media description",
        "media:description (the caption) wins over media:title"
    );
    assert_eq!((img.width, img.height), (Some(2048), Some(1365)));
    assert_eq!(
        img.thumb.as_deref(),
        Some("https://www.example.com/Zz1hNjRiMWFjMzdhYWIzNTEwNjk2YjIzYjc5NWQxNWFlMA==?width=75&height=75"),
        "the entry's media:thumbnail is the small version of its photo"
    );
    assert_eq!(
        a.image.as_deref(),
        Some("https://www.example.com/Zz1hNjRiMWFjMzdhYWIzNTEwNjk2YjIzYjc5NWQxNWFlMA==?width=75&height=75"),
        "media:thumbnail is the preferred thumbnail"
    );
}

// ---------------------------------------------------------------------------------------------------------
// Thumbnails and gallery images.

#[test]
fn thumbnail_preference_is_media_thumbnail_then_media_content_enclosure_itunes_then_html_img() {
    let desc = r#"<description><![CDATA[<img src="/d.jpg">Tóm tắt]]></description>"#;
    let cases = [
        (
            r#"<media:content url="/c.jpg" medium="image"/><media:thumbnail url="/t.jpg"/><enclosure url="/e.jpg" type="image/jpeg"/>"#,
            "https://example.vn/t.jpg",
        ),
        (
            r#"<enclosure url="/e.jpg" type="image/jpeg"/><media:content url="/c.jpg" type="image/png"/>"#,
            "https://example.vn/c.jpg",
        ),
        (
            r#"<itunes:image href="/i.jpg"/><enclosure url="/e.jpg" type="image/jpeg"/>"#,
            "https://example.vn/e.jpg",
        ),
        (
            r#"<enclosure url="/a.mp3" type="audio/mpeg"/><itunes:image href="/i.jpg"/>"#,
            "https://example.vn/i.jpg",
        ),
        (
            r#"<content:encoded><![CDATA[<img src="/ce.jpg">]]></content:encoded>"#,
            "https://example.vn/d.jpg",
        ),
    ];
    for (media, want) in cases {
        let feed = parse(&rss(&format!(
            "<item><title>T</title><link>/a</link>{media}{desc}</item>"
        )));
        assert_eq!(only_item(&feed).image.as_deref(), Some(want), "{media}");
    }
    let feed = parse(&rss(
        r#"<item><title>T</title><link>/a</link><description>Chỉ chữ</description>
           <content:encoded><![CDATA[<p>x</p><img src='/ce.jpg'>]]></content:encoded></item>"#,
    ));
    assert_eq!(
        only_item(&feed).image.as_deref(),
        Some("https://example.vn/ce.jpg"),
        "content:encoded's <img> last"
    );
}

#[test]
fn video_media_content_is_no_image_but_its_nested_thumbnail_is() {
    let feed = parse(&rss(r#"<item><title>Clip</title><link>/v</link>
           <media:content url="/v.mp4" medium="video" type="video/mp4"><media:thumbnail url="/v.jpg"/></media:content>
           </item>"#));
    let a = only_item(&feed);
    assert_eq!(a.image.as_deref(), Some("https://example.vn/v.jpg"));
    assert!(a.images.is_empty());
}

#[test]
fn gallery_images_come_from_image_media_contents_and_enclosures_with_captions() {
    let feed = parse(&rss(r#"<item><title>Thư viện ảnh Hội An</title><link>/g</link>
           <media:group>
             <media:content url="/1.jpg" medium="image" width="800" height="600"><media:description>Phố cổ</media:description></media:content>
             <media:content url="/2.jpg" type="image/jpeg"><media:title>Đèn lồng</media:title><media:description>x</media:description></media:content>
             <media:content url="/1.jpg" medium="image"/>
           </media:group>
           <enclosure url="/3.webp" length="1"/>
           <enclosure url="/4.mp3" type="audio/mpeg"/>
           </item>"#));
    let a = only_item(&feed);
    let got: Vec<(&str, &str, Option<u32>)> = a
        .images
        .iter()
        .map(|i| (i.url.as_str(), i.caption.as_str(), i.width))
        .collect();
    assert_eq!(
        got,
        [
            ("https://example.vn/1.jpg", "Phố cổ", Some(800)),
            ("https://example.vn/2.jpg", "x", None),
            ("https://example.vn/3.webp", "Thư viện ảnh Hội An", None),
        ],
        "deduplicated, captions from media:description, else media:title, else the item title"
    );
    assert_eq!(a.image.as_deref(), Some("https://example.vn/1.jpg"));
}

#[test]
fn media_rss_bound_to_another_prefix_is_still_recognised() {
    let feed = parse(
        r#"<rss version="2.0" xmlns:m="http://search.yahoo.com/mrss/"><channel><title>F</title>
           <item><m:title>Not the title</m:title><title>Real title</title><link>https://example.vn/a</link>
           <m:thumbnail url="https://example.vn/t.jpg"/><m:description>not the summary</m:description>
           <description>Tóm tắt</description></item></channel></rss>"#,
    );
    let a = only_item(&feed);
    assert_eq!(a.title, "Real title");
    assert_eq!(a.summary.as_deref(), Some("Tóm tắt"));
    assert_eq!(a.image.as_deref(), Some("https://example.vn/t.jpg"));
}

// ---------------------------------------------------------------------------------------------------------
// Fields.

#[test]
fn rss_1_0_rdf_items_read_dublin_core_and_link_from_rdf_about() {
    let feed = parse(
        r#"<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://example.vn/"><title>Kênh RDF</title><link>https://example.vn/</link></channel>
  <item rdf:about="https://example.vn/bai-1"><title>Bài một</title><link>https://example.vn/bai-1</link>
    <dc:date>2024-05-20T08:30:00+07:00</dc:date><dc:creator>Lan Anh</dc:creator><dc:subject>Thời sự</dc:subject>
    <description>Mô tả</description></item>
  <item rdf:about="https://example.vn/bai-2"><title>Bài hai</title></item>
</rdf:RDF>"#,
    );
    assert_eq!(feed.title.as_deref(), Some("Kênh RDF"));
    assert_eq!(feed.items.len(), 2);
    let a = &feed.items[0];
    assert_eq!(a.published, Some(1_716_168_600));
    assert_eq!(a.authors, ["Lan Anh"]);
    assert_eq!(a.tags, ["Thời sự"]);
    assert_eq!(
        feed.items[1].url, "https://example.vn/bai-2",
        "no <link>: rdf:about"
    );
}

#[test]
fn rss_0_91_with_html_entities_from_its_dtd_decodes_them() {
    let feed = parse(
        r#"<?xml version="1.0" encoding="ISO-8859-1"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>Caf&eacute;</title>
<item><title>Cr&egrave;me &amp; caf&eacute; &#8211; &#x1EA1;</title><link>https://example.vn/c</link></item></channel></rss>"#,
    );
    assert_eq!(feed.title.as_deref(), Some("Café"));
    assert_eq!(only_item(&feed).title, "Crème & café – ạ");
}

#[test]
fn latin1_bodies_are_decoded_as_windows_1252() {
    let mut body = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel><item><title>Caf".to_vec();
    body.extend([0xE9, b' ', 0x93, b'q', 0x94]);
    body.extend(b"</title><link>https://example.vn/c</link></item></channel></rss>");
    let feed = parse_xml_feed(&body, None).unwrap();
    assert_eq!(only_item(&feed).title, "Café “q”");
    assert!(feed.warnings.is_empty());
}

#[test]
fn atom_prefers_the_alternate_link_and_reads_typed_text_and_categories() {
    let feed = parse(
        r#"<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">Tin &amp;lt;nóng&amp;gt;</title>
  <link rel="self" href="/atom.xml"/><link href="/"/><link rel="next" href="/atom.xml?page=2"/>
  <entry><title type="html">&lt;b&gt;Đậm&lt;/b&gt; và thường</title>
    <link rel="related" href="/related"/><link rel="alternate" type="text/html" href="/bai"/><link rel="self" href="/api/1"/>
    <id>tag:example.vn,2024:1</id><updated>2024-05-20T01:30:00Z</updated>
    <summary type="text">Tóm &lt;tắt&gt;</summary>
    <category term="thoi-su" label="Thời sự"/><category term="the-gioi"/><category term="thoi-su" label="Thời sự"/>
    <author><email>a@example.vn</email><name>Minh Châu</name><uri>https://example.vn/a</uri></author>
    <author><name>Hải Yến</name></author></entry>
  <entry><title>Chỉ có liên quan</title><link rel="related" href="/khac"/><id>urn:x:2</id><updated>2024-05-19T00:00:00Z</updated></entry>
  <entry><title>Không có liên kết</title><link rel="self" href="/api/3"/><id>urn:x:3</id></entry>
</feed>"#,
    );
    assert_eq!(feed.title.as_deref(), Some("Tin <nóng>"));
    assert_eq!(feed.home_page_url.as_deref(), Some("https://example.vn/"));
    assert_eq!(
        feed.next_url.as_deref(),
        Some("https://example.vn/atom.xml?page=2")
    );
    assert_eq!(feed.items.len(), 2);
    let a = &feed.items[0];
    assert_eq!(a.title, "Đậm và thường", "type=html: markup removed");
    assert_eq!(a.url, "https://example.vn/bai");
    assert_eq!(a.id, "tag:example.vn,2024:1");
    assert_eq!(a.summary.as_deref(), Some("Tóm <tắt>"), "type=text: literal text");
    assert_eq!(a.tags, ["Thời sự", "the-gioi"]);
    assert_eq!(a.authors, ["Minh Châu", "Hải Yến"]);
    assert_eq!(
        feed.items[1].url, "https://example.vn/khac",
        "another relation when there is no alternate"
    );
    assert_eq!(feed.warnings, ["item 3: skipped: no usable http(s) link"]);
}

#[test]
fn atom_xhtml_content_gives_text_and_its_img() {
    let feed = parse(
        r#"<feed xmlns="http://www.w3.org/2005/Atom"><entry><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Tiêu <b>đề</b></div></title>
  <link href="https://example.vn/x"/>
  <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Đoạn <em>một</em>.</p><img src="anh.jpg"/></div></content>
  </entry></feed>"#,
    );
    let a = only_item(&feed);
    assert_eq!(a.title, "Tiêu đề");
    assert_eq!(a.summary.as_deref(), Some("Đoạn một."));
    assert_eq!(a.image.as_deref(), Some("https://example.vn/rss/anh.jpg"));
}

#[test]
fn nested_xml_base_is_resolved_relative_to_the_feed_url_then_each_ancestor() {
    let feed = parse(
        r#"<feed xmlns="http://www.w3.org/2005/Atom" xml:base="/blog/"><entry xml:base="2024/">
  <title>T</title><link href="bai.html"/><content type="html" xml:base="anh/">&lt;img src="a.png"&gt;</content>
  <link rel="enclosure" type="image/jpeg" href="b.jpg"/></entry></feed>"#,
    );
    let a = only_item(&feed);
    assert_eq!(a.url, "https://example.vn/blog/2024/bai.html");
    assert_eq!(
        a.image.as_deref(),
        Some("https://example.vn/blog/2024/b.jpg"),
        "an image enclosure beats content HTML"
    );
    assert_eq!(a.images.len(), 1);
}

#[test]
fn rss_relative_links_and_images_resolve_against_the_feed_url() {
    let feed = parse(&rss(
        r#"<item><title>T</title><link>/tin/1.html</link><guid isPermaLink="false">1</guid>
           <description>&lt;img src="../anh/1.jpg"&gt; Nội dung</description></item>"#,
    ));
    let a = only_item(&feed);
    assert_eq!(a.url, "https://example.vn/tin/1.html");
    assert_eq!(a.id, "1");
    assert_eq!(a.image.as_deref(), Some("https://example.vn/anh/1.jpg"));
    assert_eq!(a.summary.as_deref(), Some("Nội dung"));
}

#[test]
fn a_permalink_guid_or_http_id_stands_in_for_a_missing_link() {
    let feed = parse(&rss(
        r#"<item><title>T</title><guid>https://example.vn/g</guid></item>"#,
    ));
    assert_eq!(only_item(&feed).url, "https://example.vn/g");
}

#[test]
fn empty_links_and_image_urls_are_no_urls_rather_than_the_feed_url() {
    let feed = parse(&rss(
        r#"<item><title>T</title><link></link><guid>https://example.vn/g</guid><media:thumbnail url=" "/>
           <enclosure url="" type="image/jpeg"/></item>"#,
    ));
    let a = only_item(&feed);
    assert_eq!(a.url, "https://example.vn/g");
    assert_eq!(a.image, None);
    assert!(a.images.is_empty());
}

#[test]
fn a_huge_content_element_still_gives_its_summary_and_first_image() {
    let huge = format!(
        "<img src=\"/big.jpg\"><p>Mở đầu.</p>{}",
        "<p>Rất dài.</p>".repeat(20_000)
    );
    let feed = parse(&rss(&format!(
        "<item><title>T</title><link>/a</link><content:encoded><![CDATA[{huge}]]></content:encoded></item>"
    )));
    let a = only_item(&feed);
    assert_eq!(a.image.as_deref(), Some("https://example.vn/big.jpg"));
    assert!(a.summary.as_deref().unwrap().starts_with("Mở đầu. Rất dài."));
}

#[test]
fn content_encoded_only_fills_in_for_a_missing_description() {
    let long = "Câu chữ dài. ".repeat(60);
    let feed = parse(&rss(&format!(
        r#"<item><title>A</title><link>/a</link><content:encoded>&lt;p&gt;Bài đầy đủ&lt;/p&gt;</content:encoded><description>Tóm tắt</description></item>
           <item><title>B</title><link>/b</link><content:encoded><![CDATA[<p>{long}</p>]]></content:encoded></item>"#
    )));
    assert_eq!(feed.items[0].summary.as_deref(), Some("Tóm tắt"));
    let b = feed.items[1].summary.as_deref().unwrap();
    assert!(
        b.starts_with("Câu chữ dài. Câu chữ dài.") && b.ends_with('…'),
        "{b}"
    );
    assert_eq!(b.chars().count(), 301, "300 characters and the ellipsis");
}

#[test]
fn items_without_title_take_one_from_the_description_and_items_with_neither_are_skipped() {
    let feed = parse(&rss(
        r#"<item><link>/a</link><description>Chỉ có mô tả thôi</description></item>
           <item><link>/b</link></item>
           <item><title>  </title><description><![CDATA[ <p> </p> ]]></description><link>/c</link></item>
           <item><title>Không liên kết</title><guid isPermaLink="false">abc</guid></item>"#,
    ));
    assert_eq!(feed.items.len(), 1);
    assert_eq!(feed.items[0].title, "Chỉ có mô tả thôi");
    assert_eq!(
        feed.warnings,
        [
            "item 2: skipped: no title and no description",
            "item 3: skipped: no title and no description",
            "item 4: skipped: no usable http(s) link"
        ]
    );
}

#[test]
fn dates_from_pubdate_dc_date_and_named_zones_and_an_unreadable_one_is_a_warning() {
    let feed = parse(&rss(
        r#"<item><title>A</title><link>/a</link><pubDate>Mon, 20 May 2024 08:30:00 +0700</pubDate></item>
           <item><title>B</title><link>/b</link><pubDate>Sun, 19 May 2024 20:30:00 EDT</pubDate></item>
           <item><title>C</title><link>/c</link><dc:date>2024-05-20T01:30:00Z</dc:date></item>
           <item><title>D</title><link>/d</link><pubDate>hôm qua</pubDate></item>"#,
    ));
    let dates: Vec<_> = feed.items.iter().map(|a| a.published).collect();
    assert_eq!(
        dates,
        [
            Some(1_716_168_600),
            Some(1_716_165_000),
            Some(1_716_168_600),
            None
        ]
    );
    assert_eq!(feed.warnings, ["item 4: unreadable date, ignored"]);
}

#[test]
fn double_escaped_entities_in_titles_are_decoded_and_cdata_is_literal() {
    let feed = parse(&rss(
        r#"<item><title>AT&amp;amp;T &amp;#8220;mới&amp;#8221;</title><link>/a</link></item>
           <item><title><![CDATA[Giá xăng & dầu]]></title><link>/b</link></item>"#,
    ));
    assert_eq!(feed.items[0].title, "AT&T “mới”");
    assert_eq!(feed.items[1].title, "Giá xăng & dầu");
}

#[test]
fn a_raw_ampersand_in_a_link_is_tolerated() {
    let feed = parse(&rss(
        r#"<item><title>T</title><link>https://example.vn/a?x=1&y=2</link></item>"#,
    ));
    assert_eq!(only_item(&feed).url, "https://example.vn/a?x=1&y=2");
}

// ---------------------------------------------------------------------------------------------------------
// Malformed, hostile and non-feed input.

#[test]
fn malformed_xml_keeps_the_items_read_before_the_error() {
    let feed = parse(&rss(r#"<item><title>Một</title><link>/1</link></item>
           <item><title>Hai</title><link>/2</link></item>
           <item><title>Ba <b>đậm</title><link>/3</link></item>
           <item><title>Bốn</title><link>/4</link></item>"#));
    let titles: Vec<&str> = feed.items.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, ["Một", "Hai"]);
    assert_eq!(feed.warnings.len(), 1);
    assert!(
        feed.warnings[0].starts_with("the feed is malformed XML after 2 items"),
        "{:?}",
        feed.warnings
    );
}

#[test]
fn malformed_xml_before_any_item_is_an_xml_error_with_a_position() {
    let body = b"<rss><channel><title>T</title></rss>";
    match parse_xml_feed(body, None) {
        Err(FeedError::Xml { position, message }) => {
            assert!(position > 0 && position < body.len(), "{position}");
            assert!(!message.is_empty());
        }
        other => panic!("{other:?}"),
    }
    assert!(
        matches!(parse_xml_feed(b"<rss><channel><item><title>T", None), Ok(f) if f.items.is_empty()
        && f.warnings == ["the feed ends inside an item: that item was ignored"])
    );
}

#[test]
fn a_truncated_feed_keeps_its_complete_items() {
    let full =
        rss("<item><title>Một</title><link>/1</link></item><item><title>Hai</title><link>/2</link></item>");
    let cut = &full[..full.find("<title>Hai").unwrap() + 8];
    let feed = parse(cut);
    assert_eq!(feed.items.len(), 1);
    assert_eq!(
        feed.warnings,
        ["the feed ends inside an item: that item was ignored"]
    );
}

#[test]
fn html_error_pages_and_other_xml_are_not_feeds() {
    let page =
        b"<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502</h1></body></html>";
    assert!(matches!(
        parse_feed(page, None, None),
        Err(FeedError::NotAFeed(_))
    ));
    assert!(matches!(
        parse_feed(page, None, Some(FeedFormat::Rss)),
        Err(FeedError::NotAFeed(_))
    ));
    assert!(matches!(parse_xml_feed(page, None), Err(FeedError::NotAFeed(_))));
    assert!(matches!(
        parse_xml_feed(b"<opml version=\"2.0\"><body/></opml>", None),
        Err(FeedError::NotAFeed(_))
    ));
    assert!(matches!(
        parse_xml_feed(b"just text", None),
        Err(FeedError::NotAFeed(_))
    ));
}

#[test]
fn empty_feeds_parse_to_no_items() {
    for body in [
        "<rss version=\"2.0\"><channel/></rss>",
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"/>",
    ] {
        let feed = parse_feed(body.as_bytes(), None, None).unwrap();
        assert!(feed.items.is_empty() && feed.warnings.is_empty(), "{body}");
    }
}

#[test]
fn hostile_links_and_images_are_dropped_and_markup_in_titles_stays_text() {
    let feed = parse(&rss(
        r#"<item><title>&lt;script&gt;alert(1)&lt;/script&gt; Tin</title><link>javascript:alert(1)</link>
             <guid>https://example.vn/that</guid><media:thumbnail url="javascript:alert(2)"/>
             <description>&lt;img src="data:image/png;base64,AAAA"&gt;&lt;script&gt;alert(3)&lt;/script&gt;Mô tả</description></item>
           <item><title>Không link</title><link> JaVaScRiPt:alert(1)</link><guid isPermaLink="false">x</guid></item>
           <item><title>Ảnh xấu</title><link>/ok</link><enclosure url="vbscript:x" type="image/png"/>
             <media:content url="file:///etc/passwd" medium="image"/></item>"#,
    ));
    assert_eq!(feed.items.len(), 2);
    let a = &feed.items[0];
    assert_eq!(
        a.title, "<script>alert(1)</script> Tin",
        "shown as text, never as markup"
    );
    assert_eq!(a.url, "https://example.vn/that");
    assert_eq!(a.image, None);
    assert_eq!(a.summary.as_deref(), Some("Mô tả"));
    let b = &feed.items[1];
    assert_eq!(b.url, "https://example.vn/ok");
    assert_eq!(b.image, None);
    assert!(b.images.is_empty());
    assert_eq!(feed.warnings, ["item 2: skipped: no usable http(s) link"]);
}

#[test]
fn entity_expansion_and_deep_nesting_do_no_harm() {
    // Internal entities are not expanded (no "billion laughs"); the reference stays literal text.
    let laughs = r#"<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>
<rss><channel><item><title>&b;</title><link>https://example.vn/x</link></item></channel></rss>"#;
    assert_eq!(only_item(&parse(laughs)).title, "&b;");
    let deep = format!(
        "<rss><channel><item><title>T</title><link>https://example.vn/x</link>{}{}</item></channel></rss>",
        "<x>".repeat(50_000),
        "</x>".repeat(50_000)
    );
    assert_eq!(only_item(&parse(&deep)).title, "T");
}

/// A 20 000-item RSS body in VnExpress's shape (CDATA description with an `<img>` and a stray `</br>`).
fn big_rss() -> String {
    let mut items = String::with_capacity(20_000 * 400);
    for i in 0..20_000 {
        items.push_str(&format!(
            "<item><title>Tin số {i}</title><link>https://example.vn/tin/{i}.html</link>\
             <guid>https://example.vn/tin/{i}.html</guid><pubDate>Mon, 20 May 2024 08:30:00 +0700</pubDate>\
             <description><![CDATA[<a href=\"https://example.vn/tin/{i}.html\"><img src=\"https://i.example.vn/{i}.jpg\"></a></br>Tóm tắt của tin số {i}.]]></description>\
             <category>Thời sự</category></item>"
        ));
    }
    rss(&items)
}

#[test]
fn twenty_thousand_items_parse() {
    let feed = parse(&big_rss());
    assert_eq!(feed.items.len(), 20_000);
    assert_eq!(feed.items[19_999].title, "Tin số 19999");
    assert_eq!(
        feed.items[19_999].image.as_deref(),
        Some("https://i.example.vn/19999.jpg")
    );
    assert_eq!(
        feed.items[19_999].summary.as_deref(),
        Some("Tóm tắt của tin số 19999.")
    );
}

/// Throughput figure for reports: `cargo test --release --test core_xml -- --ignored --nocapture`.
/// Printed, never asserted (it depends on the machine and the build profile).
#[test]
#[ignore]
fn throughput_report_for_twenty_thousand_items() {
    let body = big_rss();
    let started = std::time::Instant::now();
    let feed = parse(&body);
    let elapsed = started.elapsed();
    assert_eq!(feed.items.len(), 20_000);
    eprintln!(
        "parsed 20000 RSS items ({} KB) in {:?}: {:.0} items/s",
        body.len() / 1024,
        elapsed,
        20_000.0 / elapsed.as_secs_f64()
    );
}

#[test]
fn a_media_group_of_renditions_is_one_photo_shown_large_with_a_srcset_and_its_thumbnail() {
    let feed = parse(&rss(r#"<item><title>Đèn lồng Hội An</title><link>/g</link>
           <media:group>
             <media:content url="/den-long-480.jpg" medium="image" width="480" height="320"/>
             <media:content url="/den-long-1200.jpg" medium="image" width="1200" height="800"/>
             <media:content url="/den-long-800.jpg" medium="image" width="800" height="533"/>
             <media:thumbnail url="/den-long-150.jpg" width="150" height="100"/>
             <media:title>Đèn lồng</media:title>
             <media:description>Phố cổ Hội An lên đèn. Ảnh: MINH ANH</media:description>
           </media:group>
           <media:content url="/khac.jpg" medium="image" width="1200" height="800">
             <media:title>Ảnh khác</media:title>
           </media:content>
           </item>"#));
    let a = only_item(&feed);
    assert_eq!(a.images.len(), 2, "{:#?}", a.images);
    let g = &a.images[0];
    assert_eq!(
        g.url, "https://example.vn/den-long-1200.jpg",
        "the widest rendition"
    );
    assert_eq!((g.width, g.height), (Some(1200), Some(800)));
    assert_eq!(
        g.srcset.as_deref(),
        Some(
            "https://example.vn/den-long-480.jpg 480w, https://example.vn/den-long-1200.jpg 1200w, \
             https://example.vn/den-long-800.jpg 800w"
        )
    );
    assert_eq!(g.thumb.as_deref(), Some("https://example.vn/den-long-150.jpg"));
    assert_eq!(g.caption, "Phố cổ Hội An lên đèn. Ảnh: MINH ANH");
    assert_eq!(a.images[1].url, "https://example.vn/khac.jpg");
    assert_eq!(a.images[1].caption, "Ảnh khác", "no description: the title");
}

#[test]
fn a_thumbnail_inside_a_media_content_is_that_photos_small_version() {
    let feed = parse(&rss(r#"<item><title>T</title><link>/a</link>
           <media:content url="/1.jpg" medium="image"><media:thumbnail url="/1-nho.jpg"/></media:content>
           <media:content url="/2.jpg" medium="image"><media:description>Hai</media:description><media:title>Tiêu đề hai</media:title></media:content>
           <enclosure url="/2.jpg" type="image/jpeg"/>
           </item>"#));
    let a = only_item(&feed);
    let got: Vec<(&str, Option<&str>, &str)> = a
        .images
        .iter()
        .map(|i| (i.url.as_str(), i.thumb.as_deref(), i.caption.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "https://example.vn/1.jpg",
                Some("https://example.vn/1-nho.jpg"),
                "T"
            ),
            ("https://example.vn/2.jpg", None, "Hai"),
        ],
        "the enclosure of the same URL is the same photo"
    );
}

/// Reads `body` a few events at a time, as the browser edge does for large feeds.
fn parse_in_slices(body: &[u8], events: usize) -> Result<Feed, FeedError> {
    let text = XmlText::decode(body);
    let mut slices = text.slices(Some("https://example.vn/rss/tin-moi.rss"));
    loop {
        if let Some(done) = slices.step(events) {
            return done;
        }
    }
}

#[test]
fn reading_in_slices_gives_what_one_parse_gives_for_every_xml_feed_of_the_repository() {
    let mut read = 0;
    let formats = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/e2e/site/formats/feeds"
    ));
    for dir in [real_dir(), formats] {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if !matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("xml" | "rss" | "atom")
            ) {
                continue;
            }
            let body = std::fs::read(&path).unwrap();
            let whole = parse_xml_feed(&body, Some("https://example.vn/rss/tin-moi.rss"));
            for events in [1, 7, 2048] {
                assert_eq!(
                    parse_in_slices(&body, events),
                    whole,
                    "{} in slices of {events}",
                    path.display()
                );
            }
            read += 1;
        }
    }
    // Bodies cut mid-way end the same way too (malformed XML after some items).
    let big = big_rss();
    let cut = &big.as_bytes()[..big.len() / 2];
    assert_eq!(
        parse_in_slices(cut, 3),
        parse_xml_feed(cut, Some("https://example.vn/rss/tin-moi.rss"))
    );
    assert!(read >= 8, "{read} XML feeds read");
}

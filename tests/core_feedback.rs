//! Feedback rules shared by the block and the relay: field names, limits, messages, e-mail and phone shapes,
//! the article of a submission and the bot checks.

use news_widget::core::feedback::{
    bot_check, check_article, check_field, is_email, is_phone, validate, ArticleError, ArticleRef, Bot,
    Field, FieldError, Input, MIN_ELAPSED_MS,
};
use news_widget::core::i18n::Lang;

fn good() -> Input {
    Input {
        name: "Nguyễn Văn An".to_owned(),
        email: "an.nguyen@example.vn".to_owned(),
        message: "Bài viết rất hay, cảm ơn toà soạn.".to_owned(),
        address: Some("Phường Phan Đình Phùng, TP Thái Nguyên".to_owned()),
        phone: Some("+84 (208) 385-5123".to_owned()),
    }
}

#[test]
fn field_names_round_trip() {
    for f in Field::ALL {
        assert_eq!(f.as_str().parse::<Field>(), Ok(f));
        assert_eq!(f.as_str().to_uppercase().parse::<Field>(), Ok(f));
        assert_eq!(f.to_string(), f.as_str());
    }
    let names: Vec<&str> = Field::ALL.iter().map(|f| f.as_str()).collect();
    assert_eq!(names, ["name", "email", "message", "address", "phone"]);
    assert!("website".parse::<Field>().is_err());
    assert!("".parse::<Field>().is_err());
}

#[test]
fn a_good_submission_passes() {
    assert_eq!(validate(&good()), vec![]);
    let minimal = Input {
        address: None,
        phone: None,
        ..good()
    };
    assert_eq!(validate(&minimal), vec![]);
}

#[test]
fn required_fields_after_trimming() {
    let input = Input {
        name: "   ".to_owned(),
        email: "\n".to_owned(),
        message: "\t \t".to_owned(),
        address: Some("  ".to_owned()),
        phone: Some(" ".to_owned()),
    };
    assert_eq!(
        validate(&input),
        vec![
            (Field::Name, FieldError::Required),
            (Field::Email, FieldError::Required),
            (Field::Message, FieldError::Required),
        ]
    );
}

#[test]
fn limits_count_characters_not_bytes() {
    // "ệ" is 3 bytes in UTF-8: 100 of them are 300 bytes but 100 characters.
    let at_limit = "ệ".repeat(100);
    assert_eq!(check_field(Field::Name, &at_limit), None);
    assert_eq!(
        check_field(Field::Name, &"ệ".repeat(101)),
        Some(FieldError::TooLong { max: 100 })
    );
    assert_eq!(check_field(Field::Message, &"ă".repeat(2000)), None);
    assert_eq!(
        check_field(Field::Message, &"ă".repeat(2001)),
        Some(FieldError::TooLong { max: 2000 })
    );
    assert_eq!(check_field(Field::Address, &"đ".repeat(200)), None);
    assert_eq!(
        check_field(Field::Address, &"đ".repeat(201)),
        Some(FieldError::TooLong { max: 200 })
    );
    assert_eq!(check_field(Field::Phone, &"1".repeat(30)), None);
    assert_eq!(
        check_field(Field::Phone, &"1".repeat(31)),
        Some(FieldError::TooLong { max: 30 })
    );
    // Surrounding whitespace does not count.
    assert_eq!(check_field(Field::Name, &format!("  {at_limit}  ")), None);
}

#[test]
fn email_shape() {
    for ok in [
        "a@b.vn",
        "an.nguyen+tin@baothainguyen.vn",
        "x_y-z@mail.example.com",
        "người.đọc@ví-dụ.việt.nam",
    ] {
        assert!(is_email(ok), "{ok}");
    }
    for bad in [
        "",
        "an",
        "@b.vn",
        "a@",
        "a@b",
        "a@@b.vn",
        "a@b@c.vn",
        "a b@c.vn",
        "a@b .vn",
        "a@.vn",
        "a@b..vn",
        "a@-b.vn",
        "a@b-.vn",
        ".a@b.vn",
        "a.@b.vn",
        "a..b@c.vn",
        "\"a\"@b.vn",
        "<a@b.vn>",
        "a@b.vn\n",
        // Beyond ASCII, what no host may hold: symbols, full-width punctuation, a non-breaking space.
        "a@☃.vn",
        "a@b／c.vn",
        "a@b\u{A0}c.vn",
        "a@b\u{2022}.vn",
    ] {
        assert!(!is_email(bad), "{bad:?}");
    }
    let long_local = format!("{}@b.vn", "a".repeat(65));
    assert!(!is_email(&long_local));
    let too_long = format!("{}@{}.vn", "a".repeat(60), "b".repeat(200));
    assert_eq!(
        check_field(Field::Email, &too_long),
        Some(FieldError::TooLong { max: 254 })
    );
    assert_eq!(
        check_field(Field::Email, "khong-hop-le"),
        Some(FieldError::BadEmail)
    );
}

#[test]
fn phone_shape() {
    for ok in [
        "0912345678",
        "+84 912 345 678",
        "(0208) 385.5123",
        "0208-385-5123",
    ] {
        assert!(is_phone(ok), "{ok}");
    }
    for bad in ["abc", "0912 345 678 ext 2", "+-()", "09#12", "０９１２"] {
        assert!(!is_phone(bad), "{bad}");
    }
    assert_eq!(check_field(Field::Phone, "gọi tôi"), Some(FieldError::BadPhone));
    // Optional: empty is fine.
    assert_eq!(check_field(Field::Phone, ""), None);
    assert_eq!(check_field(Field::Address, ""), None);
}

#[test]
fn vietnamese_and_english_messages() {
    assert_eq!(
        FieldError::Required.message(Field::Name, Lang::Vi),
        "Vui lòng nhập họ và tên"
    );
    assert_eq!(
        FieldError::BadEmail.message(Field::Email, Lang::Vi),
        "Thư điện tử không hợp lệ"
    );
    assert_eq!(
        FieldError::TooLong { max: 2000 }.message(Field::Message, Lang::Vi),
        "Nội dung tối đa 2000 ký tự"
    );
    assert_eq!(
        FieldError::BadPhone.message(Field::Phone, Lang::Vi),
        "Số điện thoại không hợp lệ"
    );
    assert_eq!(
        FieldError::Required.message(Field::Name, Lang::En),
        "Please enter your name"
    );
    assert_eq!(
        FieldError::TooLong { max: 100 }.message(Field::Name, Lang::En),
        "Name must be at most 100 characters"
    );
    // Every combination has a non-empty message, different between the languages.
    for f in Field::ALL {
        for e in [
            FieldError::Required,
            FieldError::TooLong { max: f.max_chars() },
            FieldError::BadEmail,
            FieldError::BadPhone,
        ] {
            let vi = e.message(f, Lang::Vi);
            let en = e.message(f, Lang::En);
            assert!(!vi.is_empty() && !en.is_empty());
            assert_ne!(vi, en);
        }
    }
}

#[test]
fn trimmed_is_what_gets_stored() {
    let input = Input {
        name: "  An  ".to_owned(),
        email: " a@b.vn ".to_owned(),
        message: "\n Xin chào \n".to_owned(),
        address: Some("   ".to_owned()),
        phone: Some(" 0912 ".to_owned()),
    };
    let t = input.trimmed();
    assert_eq!(t.name, "An");
    assert_eq!(t.email, "a@b.vn");
    assert_eq!(t.message, "Xin chào");
    assert_eq!(t.address, None);
    assert_eq!(t.phone.as_deref(), Some("0912"));
}

#[test]
fn article_of_a_submission() {
    let a = ArticleRef {
        id: "20190720-dua-nghi-quyet".to_owned(),
        url: "https://baothainguyen.example/chinh-tri/dua-nghi-quyet.html".to_owned(),
        title: "Đưa nghị quyết của Đảng vào cuộc sống".to_owned(),
    };
    assert_eq!(check_article(&a), None);
    assert_eq!(
        check_article(&ArticleRef {
            id: " ".to_owned(),
            ..a.clone()
        }),
        Some(ArticleError::BadId)
    );
    for url in ["javascript:alert(1)", "/relative.html", "ftp://x.vn/a", ""] {
        assert_eq!(
            check_article(&ArticleRef {
                url: url.to_owned(),
                ..a.clone()
            }),
            Some(ArticleError::BadUrl),
            "{url}"
        );
    }
    assert_eq!(
        check_article(&ArticleRef {
            title: "x".repeat(501),
            ..a.clone()
        }),
        Some(ArticleError::BadTitle)
    );
    assert_eq!(
        ArticleError::BadUrl.message(Lang::Vi),
        "Địa chỉ bài viết không hợp lệ"
    );
}

#[test]
fn bot_checks() {
    assert_eq!(bot_check(None, None, MIN_ELAPSED_MS), None);
    assert_eq!(bot_check(Some(""), Some(3000.0), MIN_ELAPSED_MS), None);
    assert_eq!(bot_check(Some("  "), Some(60_000.0), MIN_ELAPSED_MS), None);
    assert_eq!(
        bot_check(Some("http://spam.example"), Some(60_000.0), MIN_ELAPSED_MS),
        Some(Bot::Honeypot)
    );
    assert_eq!(bot_check(None, Some(2999.0), MIN_ELAPSED_MS), Some(Bot::TooFast));
    assert_eq!(bot_check(None, Some(-1.0), MIN_ELAPSED_MS), Some(Bot::TooFast));
    assert_eq!(
        bot_check(None, Some(f64::NAN), MIN_ELAPSED_MS),
        Some(Bot::TooFast)
    );
    assert_eq!(bot_check(None, Some(500.0), 0.0), None);
    assert_eq!(MIN_ELAPSED_MS, 3000.0);
}

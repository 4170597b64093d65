//! UI strings of the blocks in Vietnamese (the default) and English.
//!
//! Owns every human-readable label a block shows; the edge picks a table with [`labels`] and never spells a
//! label itself, so a new language is one more table here.

/// Display language of a block (`lang` attribute).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    /// The BCP 47 tag written on the block (`lang="vi"`) and accepted by the `lang` attribute.
    pub const fn as_str(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }
}

impl core::str::FromStr for Lang {
    type Err = ();

    /// `vi`, `en`, and region forms like `vi-VN`, `en_US`, in any letter case.
    ///
    /// # Errors
    /// `Err(())` for any other language.
    fn from_str(v: &str) -> Result<Self, ()> {
        let primary = v.trim().split(['-', '_']).next().unwrap_or_default();
        crate::core::model::by_name(primary, &[Lang::Vi, Lang::En], |l| (l.as_str(), &[]))
    }
}

/// The labels of one language. Headings are the blocks' default headings.
#[derive(Debug, PartialEq, Eq)]
pub struct Labels {
    /// Heading of the latest-news block.
    pub latest: &'static str,
    /// Heading of the other-stories block.
    pub others: &'static str,
    /// Heading of the photo gallery block.
    pub gallery: &'static str,
    /// Heading of the links block.
    pub links: &'static str,
    /// Heading of the feedback block.
    pub feedback: &'static str,
    pub loading: &'static str,
    pub empty: &'static str,
    pub error: &'static str,
    pub retry: &'static str,
    /// "Load more" button.
    pub more: &'static str,
    pub more_failed: &'static str,
    /// Prefix of the stale-data note ("cập nhật lúc 8:36").
    pub updated_at: &'static str,
    /// Shown when one of several merged sources failed.
    pub source_failed: &'static str,
    /// The links block's drop-down.
    #[cfg(feature = "links")]
    pub links_ui: LinksLabels,
    /// The feedback form and its published list.
    #[cfg(feature = "feedback")]
    pub form: FeedbackLabels,
    /// The gallery's lightbox.
    #[cfg(feature = "gallery")]
    pub lightbox: LightboxLabels,
    /// Refreshing blocks and relative times.
    #[cfg(feature = "live")]
    pub live: LiveLabels,
    /// The ticker's pause button.
    #[cfg(feature = "ticker")]
    pub ticker: TickerLabels,
}

/// The links block's drop-down.
#[cfg(feature = "links")]
#[derive(Debug, PartialEq, Eq)]
pub struct LinksLabels {
    /// The label of the `<select>`.
    pub label: &'static str,
    /// The first option, chosen until the reader picks a site.
    pub placeholder: &'static str,
    /// The button that opens the chosen site.
    pub go: &'static str,
    /// Said after a link that opens in a new tab (screen readers only).
    pub new_tab: &'static str,
}

/// The feedback form and its published list.
#[cfg(feature = "feedback")]
#[derive(Debug, PartialEq, Eq)]
pub struct FeedbackLabels {
    /// The note above the fields; it ends by saying what the `*` after a label means (screen readers also
    /// get `required` on the field).
    pub note: &'static str,
    /// The labels of name, e-mail, message, address and phone, in that order.
    pub fields: [&'static str; 5],
    /// The hidden honeypot field's label (people never see it).
    pub honeypot: &'static str,
    pub submit: &'static str,
    pub sending: &'static str,
    /// After a `201`.
    pub sent: &'static str,
    /// After a network failure or an unexpected answer.
    pub failed: &'static str,
    /// The retry button after a failure.
    pub retry: &'static str,
    /// Above the field errors of a form that was not sent.
    pub fix: &'static str,
    /// Heading of the published feedback.
    pub list: &'static str,
    /// Prefix of the message counter for screen readers ("Số ký tự").
    pub counter: &'static str,
}

/// The gallery's lightbox.
#[cfg(feature = "gallery")]
#[derive(Debug, PartialEq, Eq)]
pub struct LightboxLabels {
    /// Previous image.
    pub prev: &'static str,
    /// Next image.
    pub next: &'static str,
    /// Close.
    pub close: &'static str,
    /// Link to the image's article.
    pub view_article: &'static str,
    pub image_broken: &'static str,
}

/// Refreshing blocks and relative times.
#[cfg(feature = "live")]
#[derive(Debug, PartialEq, Eq)]
pub struct LiveLabels {
    /// A refreshing block: after the count of stories waiting above the list ("3 tin mới"), for one story
    /// and for several.
    pub new_stories: [&'static str; 2],
    /// Relative times: under a minute old.
    pub just_now: &'static str,
    /// Relative times: after a count of minutes ("5 phút trước"), for one and for several.
    pub minutes_ago: [&'static str; 2],
    /// Relative times: after a count of hours ("2 giờ trước"), for one and for several.
    pub hours_ago: [&'static str; 2],
}

/// The ticker's pause button.
#[cfg(feature = "ticker")]
#[derive(Debug, PartialEq, Eq)]
pub struct TickerLabels {
    /// The button that stops it advancing.
    pub pause: &'static str,
    /// The same button once it is stopped.
    pub play: &'static str,
}

static VI: Labels = Labels {
    latest: "Mới nhất",
    others: "Các tin khác",
    gallery: "Thư viện ảnh",
    links: "Liên kết website",
    feedback: "Phản hồi",
    loading: "Đang tải…",
    empty: "Chưa có tin",
    error: "Không tải được tin",
    retry: "Thử lại",
    more: "Xem thêm",
    more_failed: "Không tải thêm được tin",
    updated_at: "cập nhật lúc",
    source_failed: "Một nguồn tin không tải được",
    #[cfg(feature = "links")]
    links_ui: LinksLabels {
        label: "Chọn website liên kết",
        placeholder: "— Liên kết website —",
        go: "Đi",
        new_tab: "(mở trong thẻ mới)",
    },
    #[cfg(feature = "feedback")]
    form: FeedbackLabels {
        note: "Bạn đọc vui lòng ghi rõ họ tên và địa chỉ thư điện tử. Ban Biên tập giữ quyền biên tập nội dung phản hồi trước khi đăng. Ô có dấu * là bắt buộc.",
        fields: ["Họ và tên", "Thư điện tử", "Nội dung", "Địa chỉ", "Điện thoại"],
        honeypot: "Trang web (để trống ô này)",
        submit: "Gửi phản hồi",
        sending: "Đang gửi…",
        sent: "Cảm ơn bạn đã gửi phản hồi. Ban Biên tập sẽ xem xét trước khi đăng.",
        failed: "Không gửi được phản hồi. Nội dung bạn đã nhập vẫn được giữ nguyên.",
        retry: "Gửi lại",
        fix: "Vui lòng kiểm tra lại các ô được đánh dấu.",
        list: "Ý kiến bạn đọc",
        counter: "Số ký tự",
    },
    #[cfg(feature = "gallery")]
    lightbox: LightboxLabels {
        prev: "Ảnh trước",
        next: "Ảnh sau",
        close: "Đóng",
        view_article: "Xem bài viết",
        image_broken: "Không hiển thị được ảnh",
    },
    #[cfg(feature = "live")]
    live: LiveLabels {
        new_stories: [" tin mới", " tin mới"],
        just_now: "vừa xong",
        minutes_ago: [" phút trước", " phút trước"],
        hours_ago: [" giờ trước", " giờ trước"],
    },
    #[cfg(feature = "ticker")]
    ticker: TickerLabels {
        pause: "Tạm dừng tin chạy",
        play: "Cho tin chạy tiếp",
    },
};

static EN: Labels = Labels {
    latest: "Latest news",
    others: "Other stories",
    gallery: "Photo gallery",
    links: "Partner sites",
    feedback: "Feedback",
    loading: "Loading…",
    empty: "No stories yet",
    error: "Could not load stories",
    retry: "Retry",
    more: "Show more",
    more_failed: "Could not load more stories",
    updated_at: "updated at",
    source_failed: "One news source could not be loaded",
    #[cfg(feature = "links")]
    links_ui: LinksLabels {
        label: "Choose a partner site",
        placeholder: "— Partner sites —",
        go: "Go",
        new_tab: "(opens in a new tab)",
    },
    #[cfg(feature = "feedback")]
    form: FeedbackLabels {
        note:
            "Please give your full name and email address. The editors may edit feedback before publishing it. Fields marked * are required.",
        fields: ["Full name", "Email", "Message", "Address", "Phone"],
        honeypot: "Website (leave this empty)",
        submit: "Send feedback",
        sending: "Sending…",
        sent: "Thank you for your feedback. The editors will review it before publishing.",
        failed: "Your feedback could not be sent. What you typed has been kept.",
        retry: "Send again",
        fix: "Please check the marked fields.",
        list: "Readers' feedback",
        counter: "Characters",
    },
    #[cfg(feature = "gallery")]
    lightbox: LightboxLabels {
        prev: "Previous photo",
        next: "Next photo",
        close: "Close",
        view_article: "View article",
        image_broken: "Image could not be shown",
    },
    #[cfg(feature = "live")]
    live: LiveLabels {
        new_stories: [" new story", " new stories"],
        just_now: "just now",
        minutes_ago: [" minute ago", " minutes ago"],
        hours_ago: [" hour ago", " hours ago"],
    },
    #[cfg(feature = "ticker")]
    ticker: TickerLabels {
        pause: "Pause the ticker",
        play: "Play the ticker",
    },
};

/// `n` followed by the singular or plural of `words` ("1 minute ago", "5 minutes ago").
#[cfg(feature = "live")]
pub fn counted(n: u64, words: [&str; 2]) -> String {
    let mut s = String::with_capacity(24);
    crate::core::text::push_u64(&mut s, n);
    let [one, several] = words;
    s.push_str(if n == 1 { one } else { several });
    s
}

/// The label table for `lang`.
pub fn labels(lang: Lang) -> &'static Labels {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}

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
    #[cfg(feature = "links")]
    /// Links block, drop-down: the label of the `<select>`.
    pub links_label: &'static str,
    #[cfg(feature = "links")]
    /// Links block, drop-down: the first option, chosen until the reader picks a site.
    pub links_placeholder: &'static str,
    #[cfg(feature = "links")]
    /// Links block, drop-down: the button that opens the chosen site.
    pub go: &'static str,
    #[cfg(feature = "links")]
    /// Said after a link that opens in a new tab (screen readers only).
    pub new_tab: &'static str,
    /// Heading of the feedback block.
    pub feedback: &'static str,
    #[cfg(feature = "feedback")]
    /// Feedback form: the note above the fields.
    pub fb_note: &'static str,
    #[cfg(feature = "feedback")]
    /// Feedback form: the labels of name, e-mail, message, address and phone, in that order.
    pub fb_fields: [&'static str; 5],
    #[cfg(feature = "feedback")]
    /// Feedback form: said for the required mark (screen readers get `required` instead).
    pub fb_required: &'static str,
    #[cfg(feature = "feedback")]
    /// Feedback form: the hidden honeypot field's label (people never see it).
    pub fb_honeypot: &'static str,
    #[cfg(feature = "feedback")]
    pub fb_submit: &'static str,
    #[cfg(feature = "feedback")]
    pub fb_sending: &'static str,
    #[cfg(feature = "feedback")]
    /// After a `201`.
    pub fb_sent: &'static str,
    #[cfg(feature = "feedback")]
    /// After a network failure or an unexpected answer.
    pub fb_failed: &'static str,
    #[cfg(feature = "feedback")]
    /// The retry button after a failure.
    pub fb_retry: &'static str,
    #[cfg(feature = "feedback")]
    /// Above the field errors of a form that was not sent.
    pub fb_fix: &'static str,
    #[cfg(feature = "feedback")]
    /// Heading of the published feedback.
    pub fb_list: &'static str,
    #[cfg(feature = "feedback")]
    /// Prefix of the message counter for screen readers ("Số ký tự").
    pub fb_counter: &'static str,
    pub loading: &'static str,
    pub empty: &'static str,
    pub error: &'static str,
    pub retry: &'static str,
    /// "Load more" button.
    pub more: &'static str,
    pub more_failed: &'static str,
    /// Prefix of the stale-data note ("cập nhật lúc 8:36").
    pub updated_at: &'static str,
    #[cfg(feature = "gallery")]
    /// Lightbox: previous image.
    pub prev: &'static str,
    #[cfg(feature = "gallery")]
    /// Lightbox: next image.
    pub next: &'static str,
    #[cfg(feature = "gallery")]
    /// Lightbox: close.
    pub close: &'static str,
    #[cfg(feature = "gallery")]
    /// Lightbox: link to the image's article.
    pub view_article: &'static str,
    #[cfg(feature = "gallery")]
    pub image_broken: &'static str,
    /// Shown when one of several merged sources failed.
    pub source_failed: &'static str,
    #[cfg(feature = "live")]
    /// A refreshing block: after the count of stories waiting above the list ("3 tin mới"), for one story
    /// and for several.
    pub new_stories: [&'static str; 2],
    #[cfg(feature = "live")]
    /// Relative times: under a minute old.
    pub just_now: &'static str,
    #[cfg(feature = "live")]
    /// Relative times: after a count of minutes ("5 phút trước"), for one and for several.
    pub minutes_ago: [&'static str; 2],
    #[cfg(feature = "live")]
    /// Relative times: after a count of hours ("2 giờ trước"), for one and for several.
    pub hours_ago: [&'static str; 2],
    #[cfg(feature = "ticker")]
    /// Ticker: the button that stops it advancing.
    pub pause: &'static str,
    #[cfg(feature = "ticker")]
    /// Ticker: the same button once it is stopped.
    pub play: &'static str,
}

static VI: Labels = Labels {
    latest: "Mới nhất",
    others: "Các tin khác",
    gallery: "Thư viện ảnh",
    links: "Liên kết website",
    #[cfg(feature = "links")]
    links_label: "Chọn website liên kết",
    #[cfg(feature = "links")]
    links_placeholder: "— Liên kết website —",
    #[cfg(feature = "links")]
    go: "Đi",
    #[cfg(feature = "links")]
    new_tab: "(mở trong thẻ mới)",
    feedback: "Phản hồi",
    #[cfg(feature = "feedback")]
    fb_note: "Bạn đọc vui lòng ghi rõ họ tên và địa chỉ thư điện tử. Ban Biên tập giữ quyền biên tập nội dung phản hồi trước khi đăng.",
    #[cfg(feature = "feedback")]
    fb_fields: ["Họ và tên", "Thư điện tử", "Nội dung", "Địa chỉ", "Điện thoại"],
    #[cfg(feature = "feedback")]
    fb_required: "(bắt buộc)",
    #[cfg(feature = "feedback")]
    fb_honeypot: "Trang web (để trống ô này)",
    #[cfg(feature = "feedback")]
    fb_submit: "Gửi phản hồi",
    #[cfg(feature = "feedback")]
    fb_sending: "Đang gửi…",
    #[cfg(feature = "feedback")]
    fb_sent: "Cảm ơn bạn đã gửi phản hồi. Ban Biên tập sẽ xem xét trước khi đăng.",
    #[cfg(feature = "feedback")]
    fb_failed: "Không gửi được phản hồi. Nội dung bạn đã nhập vẫn được giữ nguyên.",
    #[cfg(feature = "feedback")]
    fb_retry: "Gửi lại",
    #[cfg(feature = "feedback")]
    fb_fix: "Vui lòng kiểm tra lại các ô được đánh dấu.",
    #[cfg(feature = "feedback")]
    fb_list: "Ý kiến bạn đọc",
    #[cfg(feature = "feedback")]
    fb_counter: "Số ký tự",
    loading: "Đang tải…",
    empty: "Chưa có tin",
    error: "Không tải được tin",
    retry: "Thử lại",
    more: "Xem thêm",
    more_failed: "Không tải thêm được tin",
    updated_at: "cập nhật lúc",
    #[cfg(feature = "gallery")]
    prev: "Ảnh trước",
    #[cfg(feature = "gallery")]
    next: "Ảnh sau",
    #[cfg(feature = "gallery")]
    close: "Đóng",
    #[cfg(feature = "gallery")]
    view_article: "Xem bài viết",
    #[cfg(feature = "gallery")]
    image_broken: "Không hiển thị được ảnh",
    source_failed: "Một nguồn tin không tải được",
    #[cfg(feature = "live")]
    new_stories: [" tin mới", " tin mới"],
    #[cfg(feature = "live")]
    just_now: "vừa xong",
    #[cfg(feature = "live")]
    minutes_ago: [" phút trước", " phút trước"],
    #[cfg(feature = "live")]
    hours_ago: [" giờ trước", " giờ trước"],
    #[cfg(feature = "ticker")]
    pause: "Tạm dừng tin chạy",
    #[cfg(feature = "ticker")]
    play: "Cho tin chạy tiếp",
};

static EN: Labels = Labels {
    latest: "Latest news",
    others: "Other stories",
    gallery: "Photo gallery",
    links: "Partner sites",
    #[cfg(feature = "links")]
    links_label: "Choose a partner site",
    #[cfg(feature = "links")]
    links_placeholder: "— Partner sites —",
    #[cfg(feature = "links")]
    go: "Go",
    #[cfg(feature = "links")]
    new_tab: "(opens in a new tab)",
    feedback: "Feedback",
    #[cfg(feature = "feedback")]
    fb_note:
        "Please give your full name and email address. The editors may edit feedback before publishing it.",
    #[cfg(feature = "feedback")]
    fb_fields: ["Full name", "Email", "Message", "Address", "Phone"],
    #[cfg(feature = "feedback")]
    fb_required: "(required)",
    #[cfg(feature = "feedback")]
    fb_honeypot: "Website (leave this empty)",
    #[cfg(feature = "feedback")]
    fb_submit: "Send feedback",
    #[cfg(feature = "feedback")]
    fb_sending: "Sending…",
    #[cfg(feature = "feedback")]
    fb_sent: "Thank you for your feedback. The editors will review it before publishing.",
    #[cfg(feature = "feedback")]
    fb_failed: "Your feedback could not be sent. What you typed has been kept.",
    #[cfg(feature = "feedback")]
    fb_retry: "Send again",
    #[cfg(feature = "feedback")]
    fb_fix: "Please check the marked fields.",
    #[cfg(feature = "feedback")]
    fb_list: "Readers' feedback",
    #[cfg(feature = "feedback")]
    fb_counter: "Characters",
    loading: "Loading…",
    empty: "No stories yet",
    error: "Could not load stories",
    retry: "Retry",
    more: "Show more",
    more_failed: "Could not load more stories",
    updated_at: "updated at",
    #[cfg(feature = "gallery")]
    prev: "Previous photo",
    #[cfg(feature = "gallery")]
    next: "Next photo",
    #[cfg(feature = "gallery")]
    close: "Close",
    #[cfg(feature = "gallery")]
    view_article: "View article",
    #[cfg(feature = "gallery")]
    image_broken: "Image could not be shown",
    source_failed: "One news source could not be loaded",
    #[cfg(feature = "live")]
    new_stories: [" new story", " new stories"],
    #[cfg(feature = "live")]
    just_now: "just now",
    #[cfg(feature = "live")]
    minutes_ago: [" minute ago", " minutes ago"],
    #[cfg(feature = "live")]
    hours_ago: [" hour ago", " hours ago"],
    #[cfg(feature = "ticker")]
    pause: "Pause the ticker",
    #[cfg(feature = "ticker")]
    play: "Play the ticker",
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

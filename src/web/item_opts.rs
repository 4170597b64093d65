//! `ItemOpts`: how a block draws its entries, derived once from its configuration; shared by every view of
//! a story list.

use crate::core::config::{BlockConfig, Layout, TimeStyle};
use crate::core::i18n::Lang;

/// How items are drawn, derived once from the configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemOpts {
    pub tz_offset_minutes: i32,
    pub lang: Lang,
    pub thumbnails: bool,
    pub summary: bool,
    pub referrer: String,
    /// Several sources: each item names where it came from.
    pub show_source: bool,
    pub time: TimeStyle,
    /// The thumbnail's `sizes`: its width in the layout.
    pub thumb_sizes: &'static str,
}

impl ItemOpts {
    pub fn new(config: &BlockConfig, sources: usize) -> Self {
        // One-line layouts have no room for pictures or summaries: none is drawn, none is downloaded.
        let rows = !matches!(config.layout, Layout::Compact | Layout::Ticker);
        ItemOpts {
            tz_offset_minutes: config.tz_offset_minutes,
            lang: config.lang,
            thumbnails: config.thumbnails && rows,
            summary: config.summary && rows,
            referrer: config.referrer.clone(),
            show_source: sources > 1,
            time: config.time,
            thumb_sizes: if config.layout == Layout::Grid {
                "(max-width: 480px) 100vw, 320px"
            } else {
                "96px"
            },
        }
    }
}

//! The configuration file: the demo file and the README's example load; mistakes are refused with the
//! field named.

use news_widget_relay::config::{Config, StoreKind};

#[test]
fn demo_config_loads() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("relay.toml");
    let cfg = Config::load(&path).unwrap();
    assert_eq!(cfg.listen, "127.0.0.1:8081");
    assert!(cfg.state_dir.ends_with("target/relay-state"));
    let names: Vec<&str> = cfg.channels.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["latest", "partners", "vnexpress"]);
    assert!(cfg.channels.iter().all(|c| c.allow_private));
    assert_eq!(cfg.feedback.store, StoreKind::Sqlite);
    assert!(cfg.sqlite_path().ends_with("target/relay-state/feedback.sqlite3"));
}

#[test]
fn readme_example_loads() {
    let readme = include_str!("../../README.md");
    let section = &readme[readme.find("### Configuration\n").unwrap()..];
    let start = section.find("```toml\n").unwrap() + "```toml\n".len();
    let example = &section[start..start + section[start..].find("```").unwrap()];
    let cfg = Config::from_toml(example).unwrap();
    assert_eq!(cfg.channels.len(), 1);
    let ch = &cfg.channels[0];
    assert_eq!(ch.upstreams.len(), 3);
    assert_eq!(ch.refresh_seconds, 300.0);
    assert!(!ch.allow_private);
    assert_eq!(cfg.feedback.rate_limit_burst, 5);
    assert_eq!(cfg.feedback.max_body_bytes, 16384);
    assert_eq!(cfg.fetch.max_redirects, 3);
}

#[test]
fn defaults() {
    let cfg = Config::from_toml("state_dir = \"s\"\n").unwrap();
    assert_eq!(cfg.listen, "127.0.0.1:8081");
    assert!(cfg.channels.is_empty() && cfg.site_origins.is_empty());
    assert_eq!(cfg.fetch.timeout_seconds, 10.0);
    assert_eq!(cfg.fetch.max_redirects, 3);
    assert_eq!(cfg.feedback.min_elapsed_ms, 3000.0);
    assert_eq!(cfg.feedback.rate_limit_seconds, 600.0);
    assert_eq!(cfg.feedback.postgres_url_env, "NEWS_WIDGET_RELAY_POSTGRES_URL");
}

#[test]
fn mistakes_are_refused() {
    let ch = |extra: &str| {
        format!("state_dir = \"s\"\n[[channel]]\nname = \"news\"\ntitle = \"t\"\nupstreams = [\"https://a.vn/f.json\"]\n{extra}")
    };
    let cases = [
        ("state_dir = \"s\"\nlisten_on = \"x\"\n".to_owned(), "listen_on"),
        ("listen = \"x\"\n".to_owned(), "state_dir"),
        (ch("size = 0\n"), "size"),
        (ch("refresh_seconds = 0\n"), "refresh_seconds"),
        (ch("max_bytes = 999999999\n"), "max_bytes"),
        (ch("admin_token = \"x\"\n"), "admin_token"),
        (
            "state_dir = \"s\"\n[[channel]]\nname = \"../x\"\ntitle = \"t\"\nupstreams = [\"https://a.vn/\"]\n".to_owned(),
            "channel name",
        ),
        (
            "state_dir = \"s\"\n[[channel]]\nname = \"n\"\ntitle = \"t\"\nupstreams = [\"file:///etc/passwd\"]\n".to_owned(),
            "not an http(s) URL",
        ),
        (
            "state_dir = \"s\"\n[[channel]]\nname = \"n\"\ntitle = \"t\"\nupstreams = []\n".to_owned(),
            "no upstreams",
        ),
        (format!("{}\n[[channel]]\nname = \"news\"\ntitle = \"t\"\nupstreams = [\"https://b.vn/\"]\n", ch("")), "twice"),
        ("state_dir = \"s\"\nsite_origins = [\"https://a.vn/\"]\n".to_owned(), "site_origins"),
        ("state_dir = \"s\"\n[feedback]\nstore = \"mysql\"\n".to_owned(), "mysql"),
        ("state_dir = \"s\"\n[fetch]\njitter = 2.0\n".to_owned(), "jitter"),
    ];
    for (text, why) in cases {
        let err = Config::from_toml(&text).unwrap_err().to_string();
        assert!(err.contains(why), "{text:?}: {err}");
    }
}

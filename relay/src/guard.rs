//! No open proxy: which addresses the relay may connect to.
//!
//! Only configured upstream URLs are ever fetched (nothing from a request reaches the fetcher), and those
//! are checked where it counts, on the resolved socket addresses: a DNS resolver that drops forbidden
//! addresses (so the connection can only go to a checked one), a check of IP-literal hosts (which skip DNS)
//! before each request, and the same check on every redirect target. Loopback, private (RFC 1918, ULA),
//! link-local, unspecified, CGNAT, multicast and reserved ranges are forbidden unless the channel sets
//! `allow_private`.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use reqwest::Url;

/// True for an address no public upstream has.
pub fn is_forbidden(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => forbidden_v4(v4),
        IpAddr::V6(v6) => forbidden_v6(v6),
    }
}

fn forbidden_v4(ip: Ipv4Addr) -> bool {
    let [a, b, _, _] = ip.octets();
    a == 0 // "this network", 0.0.0.0 included
        || a == 10
        || a == 127
        || (a == 100 && (64..128).contains(&b)) // CGNAT 100.64.0.0/10
        || (a == 169 && b == 254)
        || (a == 172 && (16..32).contains(&b))
        || (a == 192 && b == 168)
        || (a == 192 && b == 0 && ip.octets()[2] == 0) // IETF protocol assignments
        || (a == 198 && (b == 18 || b == 19)) // benchmarking
        || a >= 224 // multicast, reserved, broadcast
}

fn forbidden_v6(ip: Ipv6Addr) -> bool {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return forbidden_v4(v4);
    }
    let s = ip.segments();
    let first = s.first().copied().unwrap_or_default();
    // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) reach an embedded IPv4 address.
    if s.get(..6) == Some(&[0x64, 0xff9b, 0, 0, 0, 0]) {
        let o = ip.octets();
        return forbidden_v4(Ipv4Addr::new(o[12], o[13], o[14], o[15]));
    }
    if first == 0x2002 {
        let o = ip.octets();
        return forbidden_v4(Ipv4Addr::new(o[2], o[3], o[4], o[5]));
    }
    ip.is_loopback()
        || ip.is_unspecified()
        || (first & 0xfe00) == 0xfc00 // ULA fc00::/7
        || (first & 0xffc0) == 0xfe80 // link-local fe80::/10
        || (first & 0xffc0) == 0xfec0 // site-local (deprecated)
        || (first & 0xff00) == 0xff00 // multicast
        || s.get(..6) == Some(&[0, 0, 0, 0, 0, 0]) // IPv4-compatible (deprecated)
}

/// Checks a URL about to be requested (the configured one, or a redirect target): http(s) only, and an
/// IP-literal host must be allowed (host names are checked by [`GuardedResolver`]).
///
/// # Errors
/// A sentence saying why the URL is refused.
pub fn check_url(url: &Url, allow_private: bool) -> Result<(), String> {
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!("refused: {} is not http(s)", url.scheme()));
    }
    let ip = match url.host() {
        None => return Err("refused: no host".to_owned()),
        Some(url::Host::Domain(_)) => return Ok(()),
        Some(url::Host::Ipv4(v4)) => IpAddr::V4(v4),
        Some(url::Host::Ipv6(v6)) => IpAddr::V6(v6),
    };
    if !allow_private && is_forbidden(ip) {
        return Err(format!(
            "refused: {ip} is a private, loopback or reserved address (set allow_private = true for this channel)"
        ));
    }
    Ok(())
}

/// The resolver of a channel's HTTP client: system DNS, then forbidden addresses dropped. A name that
/// resolves only to forbidden addresses is an error, so nothing connects.
#[derive(Debug, Clone, Copy)]
pub struct GuardedResolver {
    pub allow_private: bool,
}

impl GuardedResolver {
    /// Shared, as reqwest wants it.
    pub fn shared(allow_private: bool) -> Arc<GuardedResolver> {
        Arc::new(GuardedResolver { allow_private })
    }
}

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let allow_private = self.allow_private;
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let found: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let kept: Vec<SocketAddr> = found
                .iter()
                .copied()
                .filter(|a| allow_private || !is_forbidden(a.ip()))
                .collect();
            if kept.is_empty() {
                let why: Box<dyn std::error::Error + Send + Sync> = if found.is_empty() {
                    format!("{host} has no address").into()
                } else {
                    format!(
                        "refused: {host} resolves only to private, loopback or reserved addresses \
                         (set allow_private = true for this channel)"
                    )
                    .into()
                };
                return Err(why);
            }
            let addrs: Addrs = Box::new(kept.into_iter());
            Ok(addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn forbidden_ranges() {
        for s in [
            "127.0.0.1",
            "127.255.0.9",
            "10.1.2.3",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "100.64.0.1",
            "100.127.255.255",
            "224.0.0.1",
            "255.255.255.255",
            "::1",
            "::",
            "fc00::1",
            "fd12:3456::1",
            "fe80::1",
            "ff02::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "64:ff9b::a00:1",
            "2002:c0a8:101::1",
        ] {
            assert!(is_forbidden(ip(s)), "{s}");
        }
        for s in [
            "1.1.1.1",
            "8.8.8.8",
            "100.63.255.255",
            "100.128.0.0",
            "172.15.255.255",
            "172.32.0.0",
            "192.169.0.1",
            "203.113.131.1",
            "2001:4860:4860::8888",
            "2404:6800::1",
            "::ffff:8.8.8.8",
        ] {
            assert!(!is_forbidden(ip(s)), "{s}");
        }
    }

    #[test]
    fn urls() {
        let u = |s: &str| Url::parse(s).unwrap();
        assert!(check_url(&u("http://127.0.0.1:8080/feeds/a.json"), false).is_err());
        assert!(check_url(&u("http://[::1]/a"), false).is_err());
        assert!(check_url(&u("http://169.254.169.254/latest/meta-data"), false).is_err());
        assert!(check_url(&u("http://127.0.0.1:8080/feeds/a.json"), true).is_ok());
        assert!(check_url(&u("https://baothainguyen.vn/rss"), false).is_ok());
        assert!(check_url(&u("file:///etc/passwd"), true).is_err());
        assert!(check_url(&u("ftp://example.com/x"), true).is_err());
    }

    #[tokio::test]
    async fn resolver_drops_loopback_names() {
        let r = GuardedResolver { allow_private: false };
        let name: Name = "localhost".parse().unwrap();
        assert!(r.resolve(name).await.is_err());
        let r = GuardedResolver { allow_private: true };
        let name: Name = "localhost".parse().unwrap();
        let addrs: Vec<SocketAddr> = r.resolve(name).await.unwrap().collect();
        assert!(!addrs.is_empty());
    }
}

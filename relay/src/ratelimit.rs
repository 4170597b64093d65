//! A token bucket per client address for `POST /feedback`: `burst` submissions at once, given back
//! evenly over `period`. IPv6 clients are counted per /64 (one subscriber's whole prefix).

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

/// Buckets beyond this many are pruned (full ones first), so a flood of addresses cannot grow memory.
const MAX_BUCKETS: usize = 100_000;

#[derive(Debug)]
pub struct RateLimiter {
    burst: f64,
    /// Time for one token to come back.
    per_token: Duration,
    buckets: Mutex<HashMap<IpAddr, (f64, Instant)>>,
}

/// The key of a client: its IPv4 address, or the /64 of its IPv6 address.
pub fn client_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let s = v6.segments();
                IpAddr::V6(std::net::Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
            }
        },
    }
}

impl RateLimiter {
    pub fn new(burst: u32, period: Duration) -> RateLimiter {
        let burst = f64::from(burst.max(1));
        RateLimiter {
            burst,
            per_token: period.div_f64(burst),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one token for `ip` at `now`; when there is none, `Err(seconds)` until there will be one
    /// (at least 1, for `Retry-After`).
    pub fn take(&self, ip: IpAddr, now: Instant) -> Result<(), u64> {
        let key = client_key(ip);
        let rate = 1.0 / self.per_token.as_secs_f64();
        let mut buckets = self.buckets.lock().unwrap_or_else(PoisonError::into_inner);
        if buckets.len() >= MAX_BUCKETS && !buckets.contains_key(&key) {
            let (burst, rate) = (self.burst, rate);
            buckets.retain(|_, (tokens, at)| {
                *tokens + now.saturating_duration_since(*at).as_secs_f64() * rate < burst
            });
            if buckets.len() >= MAX_BUCKETS {
                buckets.clear();
            }
        }
        let (tokens, at) = buckets.entry(key).or_insert((self.burst, now));
        let refilled = (*tokens + now.saturating_duration_since(*at).as_secs_f64() * rate).min(self.burst);
        *at = now;
        if refilled >= 1.0 {
            *tokens = refilled - 1.0;
            Ok(())
        } else {
            *tokens = refilled;
            let wait = (1.0 - refilled) / rate;
            Err((wait.ceil() as u64).max(1))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn burst_then_refill() {
        let rl = RateLimiter::new(5, Duration::from_secs(600));
        let ip: IpAddr = "203.0.113.7".parse().unwrap();
        let t0 = Instant::now();
        for _ in 0..5 {
            assert_eq!(rl.take(ip, t0), Ok(()));
        }
        // One token comes back every 120 s.
        assert_eq!(rl.take(ip, t0), Err(120));
        assert_eq!(rl.take(ip, t0 + Duration::from_secs(60)), Err(60));
        assert_eq!(rl.take(ip, t0 + Duration::from_secs(120)), Ok(()));
        assert!(rl.take(ip, t0 + Duration::from_secs(120)).is_err());
        // Other clients have their own bucket.
        let other: IpAddr = "203.0.113.8".parse().unwrap();
        assert_eq!(rl.take(other, t0), Ok(()));
        // A long pause fills the bucket to the burst, not beyond.
        let later = t0 + Duration::from_secs(100_000);
        for _ in 0..5 {
            assert_eq!(rl.take(ip, later), Ok(()));
        }
        assert!(rl.take(ip, later).is_err());
    }

    #[test]
    fn ipv6_per_64() {
        let rl = RateLimiter::new(1, Duration::from_secs(10));
        let t0 = Instant::now();
        assert_eq!(rl.take("2001:db8:1:2::1".parse().unwrap(), t0), Ok(()));
        assert_eq!(rl.take("2001:db8:1:2::ffff".parse().unwrap(), t0), Err(10));
        assert_eq!(rl.take("2001:db8:1:3::1".parse().unwrap(), t0), Ok(()));
    }
}

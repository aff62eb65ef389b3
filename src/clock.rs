//! Wall-clock time as RFC 3339 UTC, for score files and the audit log (these
//! twenty lines, not a date crate), and shown in the reader's own time zone,
//! which needs the zone database (jiff reads the system's, Windows' too).

/// A time kaohe wrote (RFC 3339 UTC) as the reader's clock shows it, with
/// its offset (`2026-12-07 05:35:05 +08:00` in Beijing): what a screen says.
/// Files keep UTC. A text that is not such a time is given back as it is.
pub fn local(utc: &str) -> String {
    let Ok(at) = utc.parse::<jiff::Timestamp>() else {
        return utc.to_string();
    };
    at.to_zoned_datetime(jiff::tz::TimeZone::system())
        .strftime("%Y-%m-%d %H:%M:%S %:z")
        .to_string()
}

/// Now as RFC 3339 UTC (`2026-11-22T23:40:05Z`), from the system clock.
pub fn now_utc() -> String {
    utc_after(0)
}

/// The time `secs` seconds from now, as [`now_utc`] writes it.
pub fn utc_after(secs: u64) -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    rfc3339(now.saturating_add(secs))
}

/// Seconds since 1970 as RFC 3339 UTC (civil-from-days, proleptic Gregorian).
pub fn rfc3339(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Whether `text` is a time exactly as [`rfc3339`] writes one: a real UTC
/// date and time to the second (`2026-11-22T23:40:05Z`).
pub fn is_rfc3339_utc(text: &str) -> bool {
    let b = text.as_bytes();
    let shape = b.len() == 20
        && b.iter().enumerate().all(|(i, &c)| match i {
            4 | 7 => c == b'-',
            10 => c == b'T',
            13 | 16 => c == b':',
            19 => c == b'Z',
            _ => c.is_ascii_digit(),
        });
    if !shape {
        return false;
    }
    let num = |r: std::ops::Range<usize>| text.get(r).and_then(|s| s.parse::<u32>().ok()).unwrap_or(u32::MAX);
    let (year, month, day) = (num(0..4), num(5..7), num(8..10));
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    };
    (1..=days).contains(&day) && num(11..13) < 24 && num(14..16) < 60 && num(17..19) < 60
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_time_is_shown_in_the_readers_zone_with_its_offset() {
        // The process's zone is the machine's: the figures depend on it, the
        // shape and the instant do not.
        let shown = super::local("2026-12-06T21:35:05Z");
        let at: jiff::Timestamp = shown
            .replacen(' ', "T", 1)
            .replacen(' ', "", 1)
            .parse()
            .unwrap_or_else(|e| panic!("{shown}: {e}"));
        assert_eq!(at.to_string(), "2026-12-06T21:35:05Z", "{shown}");
        assert_eq!(super::local("yesterday"), "yesterday");
    }

    #[test]
    fn only_times_as_kaohe_writes_them() {
        use super::is_rfc3339_utc as ok;
        assert!(ok("2026-11-22T23:40:05Z") && ok("2000-02-29T00:00:00Z"));
        for bad in [
            "",
            "yesterday",
            "2026-11-22 23:40:05",
            "2026-11-22T23:40:05+08:00",
            "2026-02-29T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-11-22T24:00:00Z",
            "9999-99-99T99:99:99Z",
            "２026-11-22T23:40:05Z",
        ] {
            assert!(!ok(bad), "{bad}");
        }
    }

    #[test]
    fn rfc3339_known_instants() {
        assert_eq!(super::rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(super::rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(super::rfc3339(1_795_391_999), "2026-11-22T23:59:59Z");
    }
}

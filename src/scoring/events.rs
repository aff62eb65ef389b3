//! Events with an identity: what a per-event unit ("每发生1件扣10分")
//! records beside its count, so that one event reported by several
//! departments is counted once. The one home of how events are typed (the
//! workbench's entry and `kaohe import`'s 事件 column read them alike), of
//! their bounds, and of when two reports are the same event.

use serde::{Deserialize, Serialize};

/// The longest description an event may have, in characters: a line that
/// names it (where, what), not a report.
pub const MAX_EVENT_CHARS: usize = 120;

/// One event as a department reported it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventRecord {
    /// Which of the unit's kinds of event (0 is the first, in the rubric's order).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub kind: u32,
    /// A short description: where and what.
    pub what: String,
    /// The day it happened, `YYYY-MM-DD`, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// Why an event is not one a cell may hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventProblem {
    /// Event `n` (from 1) has no description.
    Undescribed {
        n: usize,
    },
    TooLong {
        n: usize,
        max: usize,
    },
    /// Its date is not a day of the calendar.
    BadDate {
        n: usize,
        given: String,
    },
    /// Its kind is not one of the unit's.
    NoSuchKind {
        n: usize,
        kind: u32,
        kinds: usize,
    },
    /// It is event `first` again ([`identity`]): one cell lists an event once.
    Repeated {
        n: usize,
        first: usize,
    },
}

impl std::fmt::Display for EventProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EventProblem::Undescribed { n } => write!(f, "event {n} has no description"),
            EventProblem::TooLong { n, max } => write!(f, "event {n} is described in more than {max} characters"),
            EventProblem::BadDate { n, given } => {
                write!(f, "event {n}'s date \"{given}\" is not a day (write it as 2017-03-05)")
            }
            EventProblem::NoSuchKind { n, kind, kinds } => {
                write!(f, "event {n} is of kind {} but the unit has {kinds}", kind + 1)
            }
            EventProblem::Repeated { n, first } => write!(
                f,
                "event {n} is event {first} again; if they are two events, say where or when each happened"
            ),
        }
    }
}

/// Whether each event is one a cell may hold: described, not too long,
/// dated with a real day, of one of the unit's `kinds`, and listed once (two
/// events no one can tell apart would be counted as one by the merge).
pub fn check(events: &[EventRecord], kinds: usize) -> Result<(), EventProblem> {
    let mut seen = std::collections::HashMap::new();
    for (i, e) in events.iter().enumerate() {
        let n = i + 1;
        // Words, not a count or a date alone.
        if !e.what.chars().any(char::is_alphabetic) {
            return Err(EventProblem::Undescribed { n });
        }
        if e.what.chars().count() > MAX_EVENT_CHARS {
            return Err(EventProblem::TooLong {
                n,
                max: MAX_EVENT_CHARS,
            });
        }
        if let Some(d) = &e.date
            && day(d).as_deref() != Some(d.as_str())
        {
            return Err(EventProblem::BadDate { n, given: d.clone() });
        }
        if e.kind as usize >= kinds {
            return Err(EventProblem::NoSuchKind { n, kind: e.kind, kinds });
        }
        if let Some(&first) = seen.get(&identity(e)) {
            return Err(EventProblem::Repeated { n, first });
        }
        seen.insert(identity(e), n);
    }
    Ok(())
}

/// How many events of each of `kinds` kinds.
pub fn tally(events: &[EventRecord], kinds: usize) -> Vec<u32> {
    let mut counts = vec![0u32; kinds];
    for e in events {
        if let Some(c) = counts.get_mut(e.kind as usize) {
            *c = c.saturating_add(1);
        }
    }
    counts
}

/// Whether text typed for a per-event unit describes events rather than
/// counting them: it has words, not only figures ("2", "1 0", "1.5").
pub fn describes(text: &str) -> bool {
    text.chars().any(char::is_alphabetic)
}

/// Events as a person types them, in the workbench's entry or a sheet's
/// 事件 cell: one a line, or separated by `；`/`;`; each a description with
/// its date anywhere in it (`2017-03-05`, `2017/3/5`, `2017.3.5`,
/// `2017年3月5日`); where the unit has several kinds, the kind's number
/// first (`2：…`), else the first kind.
pub fn parse(text: &str, kinds: usize) -> Vec<EventRecord> {
    text.split(['\n', '\r', '；', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|one| {
            let (kind, rest) = match kind_prefix(one) {
                Some((k, rest)) if kinds > 1 => (k, rest),
                _ => (0, one),
            };
            let (what, date) = take_date(rest);
            EventRecord { kind, what, date }
        })
        .collect()
}

/// The events as [`parse`] reads them back: the entry's text to correct them.
pub fn text(events: &[EventRecord], kinds: usize) -> String {
    events
        .iter()
        .map(|e| {
            let kind = if kinds > 1 {
                format!("{}：", e.kind + 1)
            } else {
                String::new()
            };
            let date = e.date.as_ref().map(|d| format!(" {d}")).unwrap_or_default();
            format!("{kind}{}{date}", e.what)
        })
        .collect::<Vec<_>>()
        .join("；")
}

/// One event in a line of a report: `某商场电梯事故（2017-03-05）`.
pub fn shown(e: &EventRecord) -> String {
    match &e.date {
        Some(d) => format!("{}（{d}）", e.what),
        None => e.what.clone(),
    }
}

/// What makes two reports the same event: its kind, its description with
/// spacing, punctuation, width and look-alike glyphs set aside, and its day.
pub fn identity(e: &EventRecord) -> (u32, String, Option<String>) {
    let what: String = crate::text::chars::folded(&e.what)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    (e.kind, what, e.date.clone())
}

/// `2：…` → kind 1 and the rest; the number counts from 1.
fn kind_prefix(text: &str) -> Option<(u32, &str)> {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let (number, rest) = text.split_at(digits);
    let rest = rest.strip_prefix([':', '：'])?;
    let n: u32 = number.parse().ok()?;
    Some((n.checked_sub(1)?, rest.trim()))
}

/// The first date in `text`, as `YYYY-MM-DD`, and the text without it.
fn take_date(text: &str) -> (String, Option<String>) {
    let chars: Vec<char> = text.chars().collect();
    for start in 0..chars.len() {
        if start > 0 && chars[start - 1].is_ascii_digit() {
            continue;
        }
        if let Some((len, date)) = date_at(&chars[start..]) {
            let before: String = chars[..start].iter().collect();
            let after: String = chars[start + len..].iter().collect();
            let what = format!("{} {}", before.trim(), after.trim());
            let what = what.trim_matches(|c: char| c.is_whitespace() || "，,、@（）()".contains(c));
            return (what.trim().to_string(), Some(date));
        }
    }
    (text.trim().to_string(), None)
}

/// A date at the start of `chars`: how many characters it takes, and the day.
fn date_at(chars: &[char]) -> Option<(usize, String)> {
    let mut at = 0;
    let number = |at: &mut usize, min: usize, max: usize| -> Option<u32> {
        let digits = chars[*at..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits < min || digits > max {
            return None;
        }
        let n: String = chars[*at..*at + digits].iter().collect();
        *at += digits;
        n.parse().ok()
    };
    let year = number(&mut at, 4, 4)?;
    let chinese = chars.get(at) == Some(&'年');
    let sep = *chars.get(at)?;
    if !chinese && !matches!(sep, '-' | '/' | '.') {
        return None;
    }
    at += 1;
    let month = number(&mut at, 1, 2)?;
    if chinese {
        (chars.get(at) == Some(&'月')).then_some(())?;
    } else if chars.get(at) != Some(&sep) {
        return None;
    }
    at += 1;
    let dom = number(&mut at, 1, 2)?;
    if chinese {
        if matches!(chars.get(at), Some('日' | '号')) {
            at += 1;
        }
    } else if chars.get(at).is_some_and(char::is_ascii_digit) {
        return None;
    }
    let date = format!("{year:04}-{month:02}-{dom:02}");
    day(&date).map(|d| (at, d))
}

/// `YYYY-MM-DD` when it names a day of the calendar.
fn day(text: &str) -> Option<String> {
    let mut parts = text.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (y, m, d): (u32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (y >= 1900 && (1..=days).contains(&d)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(what: &str, date: Option<&str>) -> EventRecord {
        EventRecord {
            kind: 0,
            what: what.to_string(),
            date: date.map(str::to_string),
        }
    }

    #[test]
    fn events_are_read_with_their_dates_in_any_usual_writing() {
        assert_eq!(
            parse("某商场电梯事故 2017-03-05；化工厂爆炸（2017年11月2日）\n食堂中毒", 1),
            vec![
                one("某商场电梯事故", Some("2017-03-05")),
                one("化工厂爆炸", Some("2017-11-02")),
                one("食堂中毒", None)
            ]
        );
        assert_eq!(parse("2017/3/5 电梯", 1), vec![one("电梯", Some("2017-03-05"))]);
        // Not a day: the text stays the description, for check to refuse nothing.
        assert_eq!(parse("电梯 2017-02-30", 1), vec![one("电梯 2017-02-30", None)]);
        assert_eq!(parse("2：爆炸；电梯", 2)[0].kind, 1);
        assert_eq!(parse("2：爆炸", 1)[0].what, "2：爆炸");
    }

    #[test]
    fn the_same_event_written_two_ways_is_one() {
        let a = parse("某商场 电梯事故 2017-03-05", 1);
        let b = parse("某商场电梯事故。（2017年3月5日）", 1);
        assert_eq!(identity(&a[0]), identity(&b[0]));
        let c = parse("某商场电梯事故 2017-03-06", 1);
        assert_ne!(identity(&a[0]), identity(&c[0]));
    }

    #[test]
    fn text_reads_back() {
        let events = parse("1：甲 2017-01-02；2：乙", 2);
        assert_eq!(parse(&text(&events, 2), 2), events);
    }

    #[test]
    fn check_names_the_event() {
        assert_eq!(check(&[one(" ", None)], 1), Err(EventProblem::Undescribed { n: 1 }));
        assert!(matches!(
            check(&[one("a", Some("2017-13-01"))], 1),
            Err(EventProblem::BadDate { n: 1, .. })
        ));
        assert!(check(&[one("a", Some("2016-02-29"))], 1).is_ok());
        assert_eq!(
            check(&parse("电梯事故 2017-03-05；电梯 事故（2017年3月5日）", 1), 1),
            Err(EventProblem::Repeated { n: 2, first: 1 })
        );
        assert!(check(&parse("电梯事故 2017-03-05；电梯事故 2017-03-06", 1), 1).is_ok());
    }
}

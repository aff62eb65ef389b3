//! `merged.csv`: one row per district, one column per item, then the
//! totals. UTF-8 with a byte-order mark, which Excel needs to show Chinese.

use super::Merged;
use crate::points::shown;
use crate::rubric::Rubric;

pub fn to_csv(merged: &Merged, rubric: &Rubric) -> std::io::Result<Vec<u8>> {
    let mut writer = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let mut header = vec!["区县 district".to_string()];
    header.extend(rubric.items.iter().map(|i| inert(&i.id)));
    header.extend(rubric.areas.iter().map(|a| inert(&format!("{} {}", a.id, a.name))));
    header.extend(super::TOTAL_COLUMNS.iter().map(|(zh, en)| format!("{zh} {en}")));
    writer.write_record(&header)?;
    for d in &merged.districts {
        let mut row = vec![inert(&d.name)];
        row.extend(
            d.items
                .iter()
                .zip(&d.veto_answers)
                .map(|(s, answer)| match (s, answer) {
                    (Some(s), _) => shown(*s),
                    (None, Some(answer)) => answer.word().to_string(),
                    (None, None) => String::new(),
                }),
        );
        row.extend(d.areas.iter().map(|a| shown(a.score)));
        row.extend(
            [
                d.standard,
                d.deductions,
                d.bonus_raw,
                d.bonus_over_cap(),
                d.bonus_counted,
            ]
            .map(shown),
        );
        row.push(shown(d.total));
        row.push(d.grade.clone());
        row.push(d.rank.to_string());
        row.push(
            d.veto
                .as_ref()
                .map(|v| inert(&format!("{} {}", v.item, v.note)))
                .unwrap_or_default(),
        );
        row.push(inert(&d.joint_summary()));
        row.push(d.unscored.to_string());
        writer.write_record(&row)?;
    }
    writer.into_inner().map_err(|e| std::io::Error::other(e.to_string()))
}

/// Text from a rubric or a file, as a CSV cell no spreadsheet runs: one
/// that starts as a formula would (`=`, `+`, `-`, `@`, a tab or a return)
/// gets a leading `'`, unless it is a plain number (a deduction's `-1`).
pub fn inert(text: &str) -> String {
    let risky = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && text.parse::<rust_decimal::Decimal>().is_err() {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// The text [`inert`] was given: kaohe's own sheets (the template, the
/// draft sheet) read back as they were written.
pub fn uninert(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if inert(rest).len() == text.len() => rest,
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::{inert, uninert};

    #[test]
    fn what_was_made_inert_reads_back_as_it_was() {
        for text in ["=HYPERLINK(\"x\")", "-1", "曾都区", "'引号", "@a", "+"] {
            assert_eq!(uninert(&inert(text)), text, "{text}");
        }
        assert_eq!(uninert("'abc"), "'abc", "an apostrophe kaohe did not add stays");
    }

    #[test]
    fn a_cell_that_would_run_is_made_text() {
        assert_eq!(inert("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
        assert_eq!(inert("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(inert("+86 区"), "'+86 区");
        assert_eq!(inert("-1.5"), "-1.5");
        assert_eq!(inert("曾都区"), "曾都区");
    }
}

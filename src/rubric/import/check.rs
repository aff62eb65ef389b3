//! What the import wrote, held against what the table says: the totals it
//! states for areas and key points, the `（N分）` of every item, every
//! 否决 / 扣分项 / 加分项 word anywhere in it, every department it names.
//! Each difference is for the office to resolve: the written file carries
//! it as a `# 待确认` line, and `rubric check` fails while one remains.

use super::build::{ItemRead, Read, Source};
use super::departments;
use super::header::{self, Role};
use super::words;
use super::{Finding, Place, Table};
use crate::points::shown;
use crate::rubric::Kind;
use rust_decimal::Decimal;

pub(super) fn cross_check(read: &mut Read, tables: &[&Table]) {
    let mut differences = Vec::new();
    stated_totals(read, &mut differences);
    priced_clauses(read, &mut differences);
    kind_words(read, tables, &mut differences);
    department_words(read, tables, &mut differences);
    read.differences.extend(differences);
}

fn standard_sum<'a>(items: impl Iterator<Item = &'a ItemRead>) -> Decimal {
    items
        .filter(|i| i.kind.is_none_or(|k| k == Kind::Standard))
        .filter_map(|i| i.points)
        .sum()
}

fn stated_totals(read: &Read, differences: &mut Vec<Finding>) {
    // A stated total (of an area or a key point) against its standard items.
    let mut held = |name: &str, stated: Option<Decimal>, sum: Decimal, place: &Place| {
        if let Some(stated) = stated.filter(|s| *s != sum) {
            differences.push(Finding {
                place: Some(place.clone()),
                what: format!("“{name}”写明{}分，读出的各项合计{}分", shown(stated), shown(sum)),
            });
        }
    };
    for area in &read.areas {
        let sum = standard_sum(area.key_points.iter().flat_map(|k| &k.items));
        held(&area.name, area.stated, sum, &area.source);
        for kp in &area.key_points {
            held(&kp.name, kp.stated, standard_sum(kp.items.iter()), &kp.source);
        }
    }
}

fn at(source: &Source) -> Place {
    Place {
        table: source.table.clone(),
        row: source.first_row,
        column: 0,
        heading: String::new(),
    }
}

/// An item whose written points are not what its own `（N分）` say.
fn priced_clauses(read: &Read, differences: &mut Vec<Finding>) {
    for item in read.areas.iter().flat_map(|a| &a.key_points).flat_map(|k| &k.items) {
        let (Some(points), true) = (item.points, item.kind.is_none_or(|k| k == Kind::Standard)) else {
            continue;
        };
        let sums: Vec<Decimal> = [Some(item.text.as_str()), item.criteria.as_deref()]
            .into_iter()
            .flatten()
            .filter_map(|t| words::priced_sum(t).map(|(s, _)| s))
            .collect();
        if !sums.is_empty() && !sums.contains(&points) {
            differences.push(Finding {
                place: Some(at(&item.source)),
                what: format!(
                    "“{}”写作{}分，文中“（N分）”之和却是{}分",
                    super::build::clipped(&item.text),
                    shown(points),
                    sums.iter().map(|s| shown(*s)).collect::<Vec<_>>().join(" / ")
                ),
            });
        }
        let parts: Decimal = item.subs.iter().map(|s| s.points).sum();
        if !item.subs.is_empty() && parts != points {
            differences.push(Finding {
                place: Some(at(&item.source)),
                what: format!(
                    "“{}”写作{}分，各部分合计{}分",
                    super::build::clipped(&item.text),
                    shown(points),
                    shown(parts)
                ),
            });
        }
    }
}

fn covered(read: &Read, table: &str, row: usize, kind: Kind) -> bool {
    read.areas
        .iter()
        .flat_map(|a| &a.key_points)
        .flat_map(|k| &k.items)
        .any(|i| {
            i.kind.unwrap_or(Kind::Standard) == kind
                && i.source.table == table
                && (i.source.first_row..=i.source.last_row).contains(&row)
        })
}

/// Every row of a table that says 否决, 扣分项 or 加分项 has an item of
/// that kind read from it.
fn kind_words(read: &Read, tables: &[&Table], differences: &mut Vec<Finding>) {
    for table in tables {
        let header = header::find(&table.rows);
        let start = header.as_ref().map_or(0, |h| h.row + 1);
        for (r, cells) in table.rows.iter().enumerate().skip(start) {
            if header.as_ref().is_some_and(|h| h.is_repeated_in(cells)) {
                continue;
            }
            let words: String = cells.iter().map(|c| c.text.as_str()).collect::<Vec<_>>().join(" ");
            if words.trim_start().starts_with("备注") {
                continue;
            }
            let said = [
                (Kind::Veto, words.contains("否决")),
                (Kind::Deduction, words.contains("扣分项") || words.contains("减分项")),
                (Kind::Bonus, words.contains("加分项")),
            ];
            for (kind, says) in said {
                if says && !covered(read, &table.name, r + 1, kind) {
                    differences.push(Finding {
                        place: Some(Place {
                            table: table.name.clone(),
                            row: r + 1,
                            column: 0,
                            heading: String::new(),
                        }),
                        what: format!(
                            "此行写有“{}”，却没有从此行读出{}：若它是，改 kind；若不是，删去此注释",
                            kind.document_word(),
                            kind.document_word()
                        ),
                    });
                }
            }
        }
    }
}

/// Every department a 负责部门 cell names is in the file (or set aside, said).
fn department_words(read: &Read, tables: &[&Table], differences: &mut Vec<Finding>) {
    let mut said: Vec<String> = Vec::new();
    for table in tables {
        let Some(header) = header::find(&table.rows) else {
            continue;
        };
        let Some(column) = header.roles.iter().position(|r| *r == Some(Role::Department)) else {
            continue;
        };
        for (r, cells) in table.rows.iter().enumerate().skip(header.row + 1) {
            if header.is_repeated_in(cells) {
                continue;
            }
            let Some(cell) = cells.get(column).filter(|c| !c.merged) else {
                continue;
            };
            for name in departments::read(&cell.text).departments {
                if !read.departments.contains(&name) && !said.contains(&name) {
                    differences.push(Finding {
                        place: Some(Place {
                            table: table.name.clone(),
                            row: r + 1,
                            column: column + 1,
                            heading: header.column_name(column).to_string(),
                        }),
                        what: format!("负责部门“{name}”不在读出的任何一项中（此行的项未读出？）"),
                    });
                    said.push(name);
                }
            }
        }
    }
}

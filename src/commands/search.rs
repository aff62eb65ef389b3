//! `kaohe search RUBRIC QUERY [--dept D]`: the workbench's search, for
//! scripts. One line per hit, best first: `id<TAB>score<TAB>text`.

use crate::rubric::Item;
use crate::rubric::bundled;
use crate::search::SearchIndex;
use std::io::{self, Write};

pub const OK: i32 = 0;
pub const FAILED: i32 = 1;

pub fn run(
    rubric: &str,
    query: &str,
    dept: Option<&str>,
    out: &mut dyn Write,
    errout: &mut dyn Write,
) -> io::Result<i32> {
    let rubric = match bundled::find(rubric) {
        Ok(r) => r,
        Err(e) => {
            writeln!(errout, "kaohe: {e}")?;
            return Ok(FAILED);
        }
    };
    let items: Vec<&Item> = match dept {
        Some(q) => match rubric.find_department(q) {
            Ok(d) => rubric.items_scored_by(&d.name).collect(),
            Err(e) => {
                writeln!(errout, "kaohe: {e}")?;
                return Ok(FAILED);
            }
        },
        None => rubric.items.iter().collect(),
    };
    let index = SearchIndex::from_items(items);
    for hit in index.search(query) {
        writeln!(
            out,
            "{}\t{}\t{}",
            index.key(hit.index),
            hit.score,
            index.text(hit.index)
        )?;
    }
    Ok(OK)
}

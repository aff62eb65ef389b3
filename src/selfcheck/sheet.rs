//! The 自评打分表 in (`template.rs` writes it): a district's filled sheet (an .xlsx of one
//! or several districts, or a CSV in UTF-8, UTF-16 or GBK), each claim read
//! as the workbench reads a typed score and checked by the one rule; every
//! wrong row named, and nothing kept from a file with one.

use super::template::indicator;
use super::{Claim, SelfCheckSet, check_reason, read_claimed, short_hash};
use crate::lang::Lang;
use crate::rubric::units::UnitIndex;
use crate::rubric::{Rubric, ScoringUnit};
use crate::scoring::grid::{self, Cell, Grid};
use crate::scoring::import::SheetKind;
use std::collections::HashMap;

/// A workbook of more sheets than this is not one city's districts.
pub const MAX_SHEETS: usize = 200;

/// Where a sheet's fault is, and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetError {
    pub file: String,
    pub sheet: Option<String>,
    /// The row a spreadsheet shows; None for the whole sheet or file.
    pub line: Option<usize>,
    /// The column's header, as the template names it.
    pub column: Option<&'static str>,
    pub value: String,
    pub reason: String,
}

impl SheetError {
    /// `FILE:sheet:row N: column C: "value": reason`, in the user's language.
    pub fn words(&self, lang: Lang) -> String {
        let mut at = self.file.clone();
        if let Some(sheet) = &self.sheet {
            at = format!("{at}:{}", crate::text::escape::visible(sheet));
        }
        let zh = lang == Lang::Zh;
        if let Some(line) = self.line {
            at = if zh {
                format!("{at}:第 {line} 行")
            } else {
                format!("{at}:row {line}")
            };
        }
        let mut text = at;
        if let Some(column) = self.column {
            text = if zh {
                format!("{text}：{column}列")
            } else {
                format!("{text}: column {column}")
            };
        }
        let value = crate::text::escape::visible(self.value.trim());
        if !value.is_empty() {
            let value: String = value.chars().take(60).collect();
            text = if zh {
                format!("{text}：“{value}”")
            } else {
                format!("{text}: \"{value}\"")
            };
        }
        if zh {
            format!("{text}：{}", self.reason)
        } else {
            format!("{text}: {}", self.reason)
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Column {
    Key,
    Indicator,
    Score,
    Reason,
    District,
}

impl Column {
    fn of_header(text: &str) -> Option<Column> {
        let t = text.trim().trim_start_matches('\u{feff}');
        match t {
            "编号" | "项目编号" | "指标编号" => Some(Column::Key),
            "考核指标" | "考核项目" | "具体内容" => Some(Column::Indicator),
            "自评得分" | "自评分" | "自评分数" => Some(Column::Score),
            "区县" | "地区" | "县市区" => Some(Column::District),
            _ if t.starts_with("评分依据") || t.starts_with("自评依据") => Some(Column::Reason),
            _ => None,
        }
    }

    fn header(self) -> &'static str {
        match self {
            Column::Key => "编号",
            Column::Indicator => "考核指标",
            Column::Score => "自评得分",
            Column::Reason => "评分依据",
            Column::District => "地区",
        }
    }
}

/// A filled sheet file's claims, every one checked, or every fault found.
/// `shown` names the file in the faults and in each claim's `from`.
pub fn read_file(
    shown: &str,
    kind: SheetKind,
    bytes: &[u8],
    rubric: &Rubric,
    lang: Lang,
) -> Result<SelfCheckSet, Vec<SheetError>> {
    let whole = |reason: String| {
        vec![SheetError {
            file: shown.to_string(),
            sheet: None,
            line: None,
            column: None,
            value: String::new(),
            reason,
        }]
    };
    if bytes.len() as u64 > crate::scoring::import::MAX_IMPORT_BYTES {
        return Err(whole(
            lang.say("文件太大，不是一份自评打分表", "too large for a self-assessment sheet"),
        ));
    }
    let grids: Vec<(Option<String>, Grid)> = match kind {
        SheetKind::Csv => vec![(None, grid::csv_grid(bytes).map_err(whole)?)],
        SheetKind::Workbook => grid::visible_sheet_grids(bytes, MAX_SHEETS)
            .map_err(|e| whole(e.words(lang)))?
            .into_iter()
            .map(|(name, grid)| (Some(name), grid))
            .collect(),
    };
    // The rubric hashed once for the file: every sheet's check code is compared with it.
    let mut set = SelfCheckSet::new(rubric);
    let mut errors = Vec::new();
    let mut seen: HashMap<(String, String), String> = HashMap::new();
    let hash = set.rubric_hash.clone();
    for (sheet, grid) in grids {
        let reader = SheetReader {
            file: shown,
            sheet: sheet.as_deref(),
            rubric,
            hash: &hash,
            lang,
        };
        reader.read(grid, &mut set, &mut seen, &mut errors);
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if set.is_empty() {
        return Err(whole(lang.say(
            "表中没有一项填了自评得分或评分依据",
            "no row has a claimed score or a reason",
        )));
    }
    Ok(set)
}

struct SheetReader<'a> {
    file: &'a str,
    sheet: Option<&'a str>,
    rubric: &'a Rubric,
    /// The rubric's hash, for the sheets' check codes.
    hash: &'a str,
    lang: Lang,
}

/// Rows a sheet may have above its header (a title, the district).
const TITLE_ROWS: usize = 5;

/// Where a sheet's header is and what its columns are; whose sheet it is.
struct Layout {
    header_at: usize,
    columns: HashMap<usize, Column>,
    /// The district the title names (or the sheet's name), for the rows
    /// that name none in a 地区 column.
    district: Option<String>,
}

/// One data row's cells, by column.
#[derive(Default)]
struct RowCells {
    key: String,
    text: String,
    score: Option<Cell>,
    reason: String,
    district: String,
}

impl SheetReader<'_> {
    fn fail(&self, line: Option<usize>, column: Option<Column>, value: &str, reason: String) -> SheetError {
        SheetError {
            file: self.file.to_string(),
            sheet: self.sheet.map(str::to_string),
            line,
            column: column.map(Column::header),
            value: value.to_string(),
            reason,
        }
    }

    fn read(
        &self,
        grid: Grid,
        set: &mut SelfCheckSet,
        seen: &mut HashMap<(String, String), String>,
        errors: &mut Vec<SheetError>,
    ) {
        let layout = match self.layout(&grid) {
            Ok(Some(layout)) => layout,
            Ok(None) => return,
            Err(e) => {
                errors.push(*e);
                return;
            }
        };
        let index = UnitIndex::new(self.rubric);
        for (line, cells) in grid.into_iter().skip(layout.header_at + 1) {
            let (district, unit_key, claim) = match self.row(line, &cells, &layout, &index) {
                Ok(Some(read)) => read,
                Ok(None) => continue,
                Err(mut faults) => {
                    errors.append(&mut faults);
                    continue;
                }
            };
            if let Some(first) = seen.insert((district.clone(), unit_key.clone()), claim.from.clone()) {
                errors.push(self.fail(
                    Some(line),
                    Some(Column::Key),
                    &unit_key,
                    self.lang.say(
                        format!("{district} 的 {unit_key} 已在 {first} 填过；只留一处"),
                        format!("{district}'s {unit_key} is already filled at {first}; keep one"),
                    ),
                ));
                continue;
            }
            set.districts.entry(district).or_default().insert(unit_key, claim);
        }
    }

    /// The sheet's header and whose sheet it is; None for a sheet of a
    /// workbook that is no 自评打分表 (instructions beside the districts').
    fn layout(&self, grid: &Grid) -> Result<Option<Layout>, Box<SheetError>> {
        let lang = self.lang;
        let is_header = |cells: &[Cell]| {
            let cols: Vec<Column> = cells.iter().filter_map(|c| Column::of_header(c.text())).collect();
            cols.contains(&Column::Score) && (cols.contains(&Column::Key) || cols.contains(&Column::Indicator))
        };
        let Some(at) = grid.iter().take(TITLE_ROWS + 1).position(|(_, cells)| is_header(cells)) else {
            // A CSV is the one sheet: it must be one.
            return match self.sheet {
                Some(_) => Ok(None),
                None => Err(Box::new(self.fail(None, None, "", lang.say(
                    "找不到表头：要有 编号（或 考核指标）和 自评得分 两列；请用 kaohe selfcheck template 生成的表",
                    "no header: the sheet needs the columns 编号 (or 考核指标) and 自评得分; use the sheet kaohe selfcheck template writes",
                )))),
            };
        };
        let titles = &grid[..at];
        let hash = self.hash;
        if let Some(code) = title_value(titles, "校验码")
            && code != short_hash(hash)
        {
            let named = title_value(titles, "细则").unwrap_or_default();
            let id = &self.rubric.id;
            let ours = short_hash(hash);
            return Err(Box::new(self.fail(None, None, &code, lang.say(
                format!(
                    "这份表是按另一版细则（{named}）做的：校验码 {code}，本细则 {id} 是 {ours}；请用 kaohe selfcheck template --rubric {id} 重新生成的表填报"
                ),
                format!(
                    "this sheet was made for another version of the rubric ({named}): check code {code}, {id}'s is {ours}; fill in the sheet kaohe selfcheck template --rubric {id} writes"
                ),
            ))));
        }
        let (header_line, header) = &grid[at];
        let mut columns: HashMap<usize, Column> = HashMap::new();
        for (i, cell) in header.iter().enumerate() {
            if let Some(c) = Column::of_header(cell.text())
                && !columns.values().any(|&seen| seen == c)
            {
                columns.insert(i, c);
            }
        }
        let district = title_value(titles, "地区").or_else(|| {
            self.sheet
                .filter(|name| self.rubric.districts.iter().any(|d| d == name))
                .map(str::to_string)
        });
        if !columns.values().any(|&c| c == Column::District) {
            match &district {
                None => {
                    return Err(Box::new(self.fail(Some(*header_line), None, "", lang.say(
                        "表中没有写明是哪个地区：表头上方要有“地区”一格（如 地区 | 曾都区），或加一列 地区",
                        "the sheet does not say whose it is: put a 地区 cell above the header (地区 | 曾都区), or add a 地区 column",
                    ))));
                }
                Some(d) if !self.rubric.districts.contains(d) => {
                    return Err(Box::new(self.fail(None, None, d, not_a_district(self.rubric, lang))));
                }
                Some(_) => {}
            }
        }
        Ok(Some(Layout {
            header_at: at,
            columns,
            district,
        }))
    }

    /// A data row's claim: the district, the unit's key and the claim;
    /// None for a row left blank; every fault of the row otherwise.
    fn row(
        &self,
        line: usize,
        cells: &[Cell],
        layout: &Layout,
        index: &UnitIndex<'_>,
    ) -> Result<Option<(String, String, Claim)>, Vec<SheetError>> {
        let lang = self.lang;
        let mut row = RowCells {
            district: layout.district.clone().unwrap_or_default(),
            ..RowCells::default()
        };
        let mut faults = Vec::new();
        for (i, cell) in cells.iter().enumerate() {
            let value = crate::merge::uninert_csv_cell(cell.text()).trim().to_string();
            match layout.columns.get(&i) {
                Some(Column::Key) => row.key = value,
                Some(Column::Indicator) => row.text = value,
                Some(Column::Score) => row.score = Some(cell.clone()),
                Some(Column::Reason) => row.reason = value,
                Some(Column::District) if !value.is_empty() => row.district = value,
                _ => {}
            }
            if let (Some(column), Cell::Unsaved(formula)) = (layout.columns.get(&i), cell) {
                faults.push(self.fail(
                    Some(line),
                    Some(*column),
                    formula,
                    lang.say(
                        "此格是公式，但没有保存计算结果；请在 Excel 或 WPS 中打开并保存一次，或直接填数值",
                        "a formula with no value saved; open the sheet in Excel or WPS and save it, or type the value",
                    ),
                ));
            }
        }
        if !faults.is_empty() {
            return Err(faults);
        }
        let score_text = row
            .score
            .as_ref()
            .map(|c| c.text().trim().to_string())
            .unwrap_or_default();
        let not_text = matches!(row.score, Some(Cell::Other(_)));
        // A row with no claim and no reason says nothing: passed over.
        if score_text.is_empty() && row.reason.is_empty() && !not_text {
            return Ok(None);
        }
        let fault = |column, value: &str, reason: String| vec![self.fail(Some(line), Some(column), value, reason)];
        if row.key.is_empty() && row.text.is_empty() {
            return Err(fault(
                Column::Key,
                "",
                lang.say(
                    "这一行没有编号也没有考核指标，不知道是哪一项",
                    "the row has neither an id nor an indicator: which unit is it?",
                ),
            ));
        }
        if !self.rubric.districts.contains(&row.district) {
            return Err(fault(
                Column::District,
                &row.district,
                not_a_district(self.rubric, lang),
            ));
        }
        let unit = self
            .unit_of(&row, index)
            .map_err(|(column, value, why)| fault(column, &value, why))?;
        let mut claim = match &row.score {
            Some(Cell::Other(what)) => {
                return Err(fault(
                    Column::Score,
                    what,
                    lang.say("不是分数；请把分数写成数字", "not a score; type the score as a number"),
                ));
            }
            _ if score_text.is_empty() => Claim::default(),
            _ => read_claimed(&score_text, &unit, self.rubric.precision, lang)
                .map_err(|why| fault(Column::Score, &score_text, why))?,
        };
        check_reason(&row.reason, lang).map_err(|why| fault(Column::Reason, "", why))?;
        claim.reason = row.reason;
        claim.from = match self.sheet {
            Some(sheet) => format!("{}:{sheet}:{line}", self.file),
            None => format!("{}:{line}", self.file),
        };
        Ok(Some((row.district, unit.key(), claim)))
    }

    /// The unit a row means: its 编号, or else its 考核指标 as the template
    /// writes it; a 考核指标 beside an 编号 must be the rubric's own.
    fn unit_of<'r>(&self, row: &RowCells, index: &UnitIndex<'r>) -> Result<ScoringUnit<'r>, (Column, String, String)> {
        let lang = self.lang;
        let id = &self.rubric.id;
        let unit = if row.key.is_empty() {
            let wanted = squeeze(&row.text);
            index.units().iter().find(|u| squeeze(&indicator(u)) == wanted).cloned()
        } else {
            index.find_key(&row.key).map(|u| index.units()[u].clone())
        };
        let Some(unit) = unit else {
            let (column, value) = if row.key.is_empty() {
                (Column::Indicator, row.text.clone())
            } else {
                (Column::Key, row.key.clone())
            };
            return Err((
                column,
                value,
                lang.say(
                    format!("{id} 中没有这一项：这份表是另一份细则的？"),
                    format!("{id} has no such unit: is the sheet another rubric's?"),
                ),
            ));
        };
        if !row.key.is_empty() && !row.text.is_empty() && squeeze(&row.text) != squeeze(&indicator(&unit)) {
            let key = unit.key();
            return Err((Column::Indicator, row.text.clone(), lang.say(
                format!("与 {id} 的 {key} 不同：这份表是另一版细则的？请用 kaohe selfcheck template 生成的表填报"),
                format!("differs from {id}'s {key}: is the sheet another version's? fill in the sheet kaohe selfcheck template writes"),
            )));
        }
        Ok(unit)
    }
}

/// A title cell's value: `地区 | 曾都区` (the next cell filled) or `地区：曾都区`.
fn title_value(titles: &[(usize, Vec<Cell>)], label: &str) -> Option<String> {
    titles.iter().find_map(|(_, cells)| {
        cells.iter().enumerate().find_map(|(i, c)| {
            let t = c.text().trim();
            if let Some(rest) = t.strip_prefix(label).and_then(|r| r.strip_prefix(['：', ':'])) {
                return (!rest.trim().is_empty()).then(|| rest.trim().to_string());
            }
            (t == label).then(|| {
                cells[i + 1..]
                    .iter()
                    .map(|c| crate::merge::uninert_csv_cell(c.text()).trim().to_string())
                    .find(|t| !t.is_empty())
            })?
        })
    })
}

fn not_a_district(rubric: &Rubric, lang: Lang) -> String {
    lang.say(
        format!("不是 {} 的地区；它的地区有：{}", rubric.id, rubric.districts.join("、")),
        format!(
            "not a district of {}; its districts: {}",
            rubric.id,
            rubric.districts.join("、")
        ),
    )
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

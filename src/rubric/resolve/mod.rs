//! From the file as written to the resolved model: references checked,
//! aliases mapped to canonical department names, defaults applied. Every
//! problem is collected (not just the first) with its line.

mod helpers;
mod items;

use super::diagnostic::Diagnostic;
use super::model::*;
use super::source::*;
use crate::line_index::LineIndex;
pub use helpers::parse_range;
use rust_decimal::Decimal;
use std::collections::{HashMap, HashSet};
use toml::Spanned;

/// The default bands of 国办发〔2013〕47号, half-open: 89.5 is B.
pub fn default_grades() -> Vec<GradeBand> {
    [("A", Some(90)), ("B", Some(80)), ("C", Some(60)), ("D", None)]
        .into_iter()
        .map(|(name, min)| GradeBand {
            name: name.to_string(),
            min: min.map(Decimal::from),
        })
        .collect()
}

pub const DEFAULT_PRECISION: u32 = 2;
const MAX_PRECISION: u32 = 6;

struct Resolver {
    lines: LineIndex,
    diagnostics: Vec<Diagnostic>,
}

impl Resolver {
    fn line<T>(&self, spanned: &Spanned<T>) -> Option<usize> {
        Some(self.lines.line(spanned.span().start))
    }

    /// An error in the file, in English and in Chinese.
    fn error_zh(&mut self, code: &'static str, line: Option<usize>, message: impl Into<String>, zh: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::error(code, line, message).with_zh(zh));
    }
}

/// Parse and resolve a rubric file. Returns the model when it could be built
/// (possibly alongside errors found while building it) and every diagnostic.
pub fn resolve(text: &str) -> (Option<Rubric>, Vec<Diagnostic>) {
    let source: RubricSource = match toml::from_str(text) {
        Ok(source) => source,
        Err(err) => {
            let line = err.span().map(|s| LineIndex::new(text).line(s.start));
            let message = err.message().trim().to_string();
            // The parser's own words are English; the frame says what to do.
            let zh = format!("TOML 写法有误（解析器原话：“{message}”）；请对照这一行改正");
            let diagnostic = Diagnostic::error("toml", line, message).with_zh(zh);
            return (None, vec![diagnostic]);
        }
    };
    let mut r = Resolver {
        lines: LineIndex::new(text),
        diagnostics: Vec::new(),
    };
    let rubric = r.rubric(source);
    (Some(rubric), r.diagnostics)
}

impl Resolver {
    fn rubric(&mut self, src: RubricSource) -> Rubric {
        let id_line = self.line(&src.id);
        let id = src.id.into_inner();
        if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
            self.error_zh(
                "bad-id",
                id_line,
                format!("rubric id \"{id}\" must be short and typeable: ASCII letters, digits, '-' or '_'"),
                format!("细则 id“{id}”须简短、好输入：只用英文字母、数字、- 或 _"),
            );
        }

        let precision = match &src.precision {
            Some(p) if *p.get_ref() > MAX_PRECISION => {
                let line = self.line(p);
                self.error_zh(
                    "bad-precision",
                    line,
                    format!(
                        "precision {} is more decimal places than kaohe supports ({MAX_PRECISION})",
                        p.get_ref()
                    ),
                    format!("precision {} 位小数超过了 kaohe 支持的 {MAX_PRECISION} 位", p.get_ref()),
                );
                DEFAULT_PRECISION
            }
            Some(p) => *p.get_ref(),
            None => DEFAULT_PRECISION,
        };

        let districts_line = self.line(&src.districts);
        let districts = src.districts.into_inner();
        if districts.is_empty() {
            self.error_zh(
                "no-districts",
                districts_line,
                "the rubric lists no districts (考核对象)",
                "细则没有列出被考核的地区（考核对象）",
            );
        }
        let mut seen = HashSet::new();
        let mut folds: Vec<(String, &str)> = Vec::new();
        for d in &districts {
            if !seen.insert(d.as_str()) {
                self.error_zh(
                    "duplicate-district",
                    districts_line,
                    format!("district \"{d}\" is listed twice"),
                    format!("地区“{d}”列了两次"),
                );
                continue;
            }
            // A name one cannot see whole is two districts a reader takes for
            // one (the message is escaped where it is shown).
            if d.chars().any(crate::text::chars::is_hidden) {
                self.error_zh(
                    "hidden-character",
                    districts_line,
                    format!("district \"{d}\" holds a character that does not show (zero-width, bidi or control): write the name as it is printed"),
                    format!("地区“{d}”含有看不见的字符（零宽、双向控制或控制字符）：请照印出的样子写这个名称"),
                );
            }
            let fold = crate::text::chars::folded(d);
            if let Some((_, first)) = folds.iter().find(|(f, _)| *f == fold) {
                self.error_zh(
                    "look-alike-district",
                    districts_line,
                    format!("districts \"{first}\" and \"{d}\" differ only by characters a reader cannot tell apart (a zero-width or no-break space, a full-width letter): they read as one district"),
                    format!("地区“{first}”和“{d}”只差读者分辨不出的字符（零宽空格、不换行空格或全角字母）：读起来是同一个地区"),
                );
            }
            folds.push((fold, d.as_str()));
        }

        let grades = match src.graded {
            true => self.grades(src.grade),
            false => self.veto_grade(src.grade),
        };
        let (departments, lookup) = self.departments(src.department);
        let areas = self.areas(src.area);
        let key_points = self.key_points(src.key_point, &areas);
        let items = self.items(src.item, &key_points, &lookup, src.criteria_column);

        Rubric {
            id,
            title: src.title,
            issuer: src.issuer,
            period: src.period,
            source: src.source,
            total: src.total.map(|d| d.0),
            precision,
            bonus_cap: src.bonus_cap.map(|d| d.0),
            districts,
            veto_effect: src.veto,
            note: src.note,
            graded: src.graded,
            grades,
            departments,
            areas,
            key_points,
            items,
        }
    }

    fn grades(&mut self, grades: Vec<Spanned<GradeSource>>) -> Vec<GradeBand> {
        if grades.is_empty() {
            return default_grades();
        }
        let mut bands = Vec::new();
        let count = grades.len();
        let mut previous_min: Option<Decimal> = None;
        for (n, grade) in grades.into_iter().enumerate() {
            let line = self.line(&grade);
            let grade = grade.into_inner();
            let last = n + 1 == count;
            match (grade.min, last) {
                (Some(_), true) => self.error_zh(
                    "bad-grades",
                    line,
                    format!(
                        "the lowest grade \"{}\" must have no min: it takes every score below the band above it",
                        grade.name
                    ),
                    format!("最低等次“{}”不能写 min：它包括上一档以下的所有分数", grade.name),
                ),
                (None, false) => self.error_zh(
                    "bad-grades",
                    line,
                    format!("grade \"{}\" needs a min; only the lowest grade has none", grade.name),
                    format!("等次“{}”须写 min；只有最低等次不写", grade.name),
                ),
                (Some(min), false) => {
                    if previous_min.is_some_and(|p| min.0 >= p) {
                        self.error_zh(
                            "bad-grades",
                            line,
                            format!(
                                "grade \"{}\" min {} must be lower than the grade above it; list grades highest first",
                                grade.name, min.0
                            ),
                            format!(
                                "等次“{}”的 min {} 须低于上一等次的；等次从高到低排列",
                                grade.name, min.0
                            ),
                        );
                    }
                    previous_min = Some(min.0);
                }
                (None, true) => {}
            }
            bands.push(GradeBand {
                name: grade.name,
                min: grade.min.map(|d| d.0),
            });
        }
        bands
    }

    /// On a rubric whose document gives no grade scale (`graded = false`):
    /// at most one grade, with no min, the one its document names for a veto.
    fn veto_grade(&mut self, grades: Vec<Spanned<GradeSource>>) -> Vec<GradeBand> {
        let mut bands = Vec::new();
        for (n, grade) in grades.into_iter().enumerate() {
            let line = self.line(&grade);
            let grade = grade.into_inner();
            if n > 0 || grade.min.is_some() {
                self.error_zh(
                    "bad-grades",
                    line,
                    format!(
                        "graded = false: the document gives no grade scale, so list at most the one grade it names for a veto, with no min (\"{}\" is not that)",
                        grade.name
                    ),
                    format!("graded = false：文件没有规定等级划分，只能列出文件为否决项规定的那一个等次，且不写 min（“{}”不是）", grade.name),
                );
                continue;
            }
            bands.push(GradeBand {
                name: grade.name,
                min: None,
            });
        }
        bands
    }

    /// Departments and a map from every name and alias to the canonical name.
    fn departments(
        &mut self,
        departments: Vec<Spanned<DepartmentSource>>,
    ) -> (Vec<Department>, HashMap<String, String>) {
        let mut lookup: HashMap<String, String> = HashMap::new();
        let mut out = Vec::new();
        for dept in departments {
            let line = self.line(&dept);
            let dept = dept.into_inner();
            for spelling in std::iter::once(&dept.name).chain(&dept.aliases) {
                match lookup.get(spelling) {
                    Some(owner) if owner == &dept.name => {}
                    Some(owner) => self.error_zh(
                        "duplicate-department",
                        line,
                        format!("\"{spelling}\" already names department \"{owner}\"; a spelling can name only one department"),
                        format!("“{spelling}”已是部门“{owner}”的名称；一个写法只能指一个部门"),
                    ),
                    None => {
                        lookup.insert(spelling.clone(), dept.name.clone());
                    }
                }
            }
            out.push(Department {
                name: dept.name,
                aliases: dept.aliases,
            });
        }
        (out, lookup)
    }

    fn areas(&mut self, areas: Vec<Spanned<AreaSource>>) -> Vec<Area> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for area in areas {
            let line = self.lines.line(area.span().start);
            let area = area.into_inner();
            if !seen.insert(area.id.clone()) {
                self.error_zh(
                    "duplicate-id",
                    Some(line),
                    format!("area id \"{}\" is used twice", area.id),
                    format!("领域编号“{}”用了两次", area.id),
                );
            }
            out.push(Area {
                id: area.id,
                name: area.name,
                stated: area.points.map(|d| d.0),
                note: area.note,
                discrepancy: area.discrepancy,
                line,
            });
        }
        out
    }

    fn key_points(&mut self, key_points: Vec<Spanned<KeyPointSource>>, areas: &[Area]) -> Vec<KeyPoint> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for kp in key_points {
            let line = self.lines.line(kp.span().start);
            let kp = kp.into_inner();
            if !seen.insert(kp.id.clone()) {
                self.error_zh(
                    "duplicate-id",
                    Some(line),
                    format!("key point id \"{}\" is used twice", kp.id),
                    format!("考核要点编号“{}”用了两次", kp.id),
                );
            }
            if !areas.iter().any(|a| &a.id == kp.area.get_ref()) {
                let area_line = self.line(&kp.area);
                let known = list(areas.iter().map(|a| a.id.as_str()));
                self.error_zh(
                    "unknown-area",
                    area_line,
                    format!(
                        "key point {} names area \"{}\", which no [[area]] has; known areas: {known}",
                        kp.id,
                        kp.area.get_ref(),
                    ),
                    format!(
                        "考核要点 {} 所属的领域“{}”没有对应的 [[area]]；已有的领域：{known}",
                        kp.id,
                        kp.area.get_ref(),
                    ),
                );
            }
            out.push(KeyPoint {
                id: kp.id,
                area: kp.area.into_inner(),
                name: kp.name,
                stated: kp.points.map(|d| d.0),
                note: kp.note,
                discrepancy: kp.discrepancy,
                line,
            });
        }
        out
    }
}

fn list<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let names: Vec<&str> = names.collect();
    if names.is_empty() {
        "none".to_string()
    } else {
        names.join(", ")
    }
}
